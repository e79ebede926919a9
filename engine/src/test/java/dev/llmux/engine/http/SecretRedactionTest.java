package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.FallbackBackend;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Recorded;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A planted API key appears nowhere: not in log lines (SLF4J at debug level, captured from
 * stderr), exception messages, stack traces, causes, toString() of specs, secrets and responses —
 * even when a hostile server echoes the key back in every error it sends.
 */
final class SecretRedactionTest {

  private static final String KEY = TestSpecs.KEY;

  /** Echoes whatever key the request carried into the reply, the worst a provider can do. */
  private static String echoedKey(Recorded r) {
    String auth = r.header("authorization");
    return auth != null ? auth : r.header("x-api-key");
  }

  private static List<Function<Recorded, Reply>> faults() {
    return List.of(
        r -> Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + echoedKey(r) + "\"}}"),
        r -> Reply.status(403, "forbidden for " + echoedKey(r)),
        r -> Reply.status(404, "{\"error\":\"no model for key " + echoedKey(r) + "\"}"),
        r -> Reply.status(400, "{\"error\":{\"message\":\"bad request from " + echoedKey(r) + "\"}}"),
        r -> Reply.status(429, "{\"error\":{\"message\":\"quota of " + echoedKey(r) + "\",\"code\":\"insufficient_quota\"}}"),
        r -> Reply.status(429, "{\"error\":{\"message\":\"slow down " + echoedKey(r) + "\"}}").header("Retry-After", "0"),
        r -> Reply.status(500, "<html>" + echoedKey(r) + "</html>"),
        r -> Reply.status(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"" + echoedKey(r) + "\"}}"),
        r -> Reply.raw("garbage " + echoedKey(r), ""),
        r -> Reply.raw("data: {\"oops\" " + echoedKey(r), ""),
        r -> Reply.json("{not json " + echoedKey(r)),
        r -> Reply.text().errorEvent("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"" + echoedKey(r) + "\"}}"),
        r -> Reply.text("x").then(FakeProviderServer.Ending.DISCONNECT),
        r -> Reply.dropConnection());
  }

  @Test
  void plantedKey_appearsInNoLogExceptionOrToString() throws Exception {
    assertTrue(LoggerFactory.getLogger(HttpBackend.class).isDebugEnabled(),
        "debug logging must be on for this test to see every log line (set in engine/pom.xml)");
    List<String> texts = new ArrayList<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
    int keysSeenByServers = 0;
    System.setErr(tee);
    System.setOut(tee);
    try {
      for (WireFormat wire : WireFormat.values()) {
        for (Function<Recorded, Reply> fault : faults()) {
          try (FakeProviderServer server = FakeProviderServer.start(wire);
              FakeProviderServer spare = FakeProviderServer.start(wire)) {
            server.otherwise(fault);
            spare.otherwise(fault);
            HttpPreset preset = wire == WireFormat.OPENAI_CHAT ? HttpPreset.OPENROUTER : HttpPreset.ANTHROPIC;
            HttpBackendSpec spec = TestSpecs.builder("cloud", server, preset)
                .header("X-Title", "llmux-test")
                .circuit(new CircuitSettings(2, 1, 0.5, Duration.ofMillis(1), Duration.ofMillis(1)))
                .build();
            HttpBackend backend = HttpBackends.create(spec);
            HttpBackend second = HttpBackends.create(TestSpecs.builder("spare", spare, preset).build());
            texts.add(spec.toString());
            texts.add(spec.apiKey().toString());
            texts.add(String.valueOf(backend.stats()));
            for (Backend b : List.of(backend, FallbackBackend.of("chain", List.of(backend, second)))) {
              try {
                ChatResponse r = b.chat(ChatRequest.builder().user("hi").build());
                texts.add(r.toString());
              } catch (RuntimeException e) {
                texts.add(e.toString());
                StringWriter sw = new StringWriter();
                e.printStackTrace(new PrintWriter(sw));
                texts.add(sw.toString());
              }
            }
            for (Recorded r : server.chatLog()) {
              if (String.valueOf(echoedKey(r)).contains(KEY)) {
                keysSeenByServers++;
              }
            }
          }
        }
      }
      ConfigException missing = assertThrows(ConfigException.class, () -> HttpBackends.create(
          HttpBackendSpec.builder("x", HttpPreset.OPENAI, "m").apiKey(Secret.of("", "MY_KEY_VAR")).build()));
      texts.add(missing.getMessage());
      assertTrue(missing.getMessage().contains("MY_KEY_VAR"), missing.getMessage());
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logs.contains("backend 'cloud'"), "the log capture works: " + logs.length() + " chars captured");
    assertTrue(keysSeenByServers > 20, "the key was really sent (" + keysSeenByServers + " requests carried it)");
    assertFalse(logs.contains(KEY), "the key is in the logs");
    for (String t : texts) {
      assertFalse(t.contains(KEY), "the key is in: " + t);
    }
    assertTrue(String.join("\n", texts).contains("***"), "echoed keys were masked, not dropped silently");
  }

  @Test
  void secret_toStringAndSpecToString_neverShowTheValue() {
    Secret s = Secret.of(KEY, "OPENAI_API_KEY");
    assertEquals("***", s.toString());
    assertEquals("OPENAI_API_KEY", s.variable());
    HttpBackendSpec spec = HttpBackendSpec.builder("b", HttpPreset.OPENAI, "m").apiKey(s)
        .header("X-Secret-Gateway-Token", "tok-abcdefghijklmnop").build();
    assertFalse(spec.toString().contains(KEY), spec.toString());
    assertFalse(spec.toString().contains("tok-abcdefghijklmnop"), spec.toString());
    assertEquals("a *** b", s.redact("a " + KEY + " b"));
  }
}
