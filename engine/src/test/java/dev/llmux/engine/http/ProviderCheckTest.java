package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.http.ProviderCheck.ModelChoice;
import dev.llmux.engine.http.ProviderCheck.Report;
import dev.llmux.engine.http.ProviderCheck.Status;
import dev.llmux.engine.http.ProviderCheck.Verdict;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The step-by-step provider check against loopback servers in good and bad shape. */
final class ProviderCheckTest {

  private final FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT);

  @AfterEach
  void stop() {
    server.close();
  }

  private static String statuses(Report r) {
    return r.results().stream().map(x -> x.check() + "=" + x.status()).collect(Collectors.joining(" "));
  }

  private static String detail(Report r, String check) {
    return r.results().stream().filter(x -> x.check().equals(check)).findFirst().orElseThrow().detail();
  }

  @Test
  void run_healthyServer_passesEveryCheck() {
    server.otherwise(r -> Reply.text("1 ", "2 ", "3"));
    Report r = ProviderCheck.run(TestSpecs.builder("cloud", server, HttpPreset.OPENAI).build(), ModelChoice.GIVEN);
    assertEquals("config=PASS reachable=PASS auth=PASS model=PASS completion=PASS streaming=PASS", statuses(r));
    assertEquals(Verdict.PASSED, r.verdict());
    assertTrue(detail(r, "auth").contains("OPENAI_API_KEY"), detail(r, "auth"));
    assertTrue(detail(r, "streaming").startsWith("3 pieces"), detail(r, "streaming"));
    assertEquals(2, server.chatRequests());
  }

  @Test
  void run_unreachable_failsReachableAsUnavailable() {
    FakeProviderServer dead = FakeProviderServer.start(WireFormat.OPENAI_CHAT);
    HttpBackendSpec spec = TestSpecs.builder("cloud", dead, HttpPreset.OPENAI).build();
    dead.close();
    Report r = ProviderCheck.run(spec, ModelChoice.GIVEN);
    assertEquals("config=PASS reachable=FAIL auth=SKIP model=SKIP completion=SKIP streaming=SKIP", statuses(r));
    assertEquals(Verdict.UNAVAILABLE, r.verdict());
    assertTrue(detail(r, "reachable").contains("is the server running"), detail(r, "reachable"));
  }

  @Test
  void run_keyRejected_failsAuthAsMisconfigured() {
    server.models(Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));
    Report r = ProviderCheck.run(TestSpecs.builder("cloud", server, HttpPreset.OPENAI).build(), ModelChoice.GIVEN);
    assertEquals("config=PASS reachable=PASS auth=FAIL model=SKIP completion=SKIP streaming=SKIP", statuses(r));
    assertEquals(Verdict.MISCONFIGURED, r.verdict());
    assertTrue(detail(r, "auth").contains("Incorrect API key provided"), detail(r, "auth"));
  }

  @Test
  void run_missingRequiredKey_failsConfigNamingTheVariable() {
    Report r = ProviderCheck.run(TestSpecs.builder("cloud", server, HttpPreset.ANTHROPIC)
        .apiKey(Secret.of(null, "ANTHROPIC_API_KEY")).build(), ModelChoice.GIVEN);
    assertEquals(Status.FAIL, r.results().get(0).status());
    assertEquals(Verdict.MISCONFIGURED, r.verdict());
    assertTrue(detail(r, "config").contains("ANTHROPIC_API_KEY"), detail(r, "config"));
    assertEquals(0, server.chatRequests());
  }

  @Test
  void run_unlistedModelThatTheServerRejects_warnsThenFailsCompletion() {
    server.otherwise(r -> Reply.status(404, "{\"error\":{\"message\":\"model 'fake-model' not found\"}}"));
    server.models(Reply.json("{\"data\":[{\"id\":\"other-model\"}]}"));
    Report r = ProviderCheck.run(TestSpecs.builder("cloud", server, HttpPreset.OPENAI).build(), ModelChoice.GIVEN);
    assertEquals("config=PASS reachable=PASS auth=PASS model=WARN completion=FAIL streaming=SKIP", statuses(r));
    assertEquals(Verdict.MISCONFIGURED, r.verdict());
    assertTrue(detail(r, "model").contains("other-model"), detail(r, "model"));
  }

  @Test
  void run_noModelGiven_usesTheFirstListed() {
    server.models(Reply.json("{\"data\":[{\"id\":\"qwen2.5-7b\"},{\"id\":\"llama-3\"}]}"));
    Report r = ProviderCheck.run(TestSpecs.builder("local", server, HttpPreset.LLAMA_SERVER).build(),
        ModelChoice.FIRST_LISTED);
    assertEquals(Verdict.PASSED, r.verdict(), statuses(r));
    assertEquals("qwen2.5-7b", r.model());
    assertEquals("qwen2.5-7b", server.chatLog().get(0).json().path("model").asText());
  }

  @Test
  void run_serverThatDoesNotStream_warnsOnStreaming() {
    server.otherwise(r -> Reply.json("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"OK\"},\"finish_reason\":\"stop\"}]}"));
    Report r = ProviderCheck.run(TestSpecs.builder("cloud", server, HttpPreset.OPENAI).build(), ModelChoice.GIVEN);
    assertEquals(Status.WARN, r.results().get(r.results().size() - 1).status());
    assertEquals(Verdict.PASSED, r.verdict());
  }

  @Test
  void run_completionAlwaysFailing_failsAsFailed() {
    server.otherwise(r -> Reply.status(500, "{\"error\":{\"message\":\"boom\"}}"));
    Report r = ProviderCheck.run(TestSpecs.builder("cloud", server, HttpPreset.OPENAI).build(), ModelChoice.GIVEN);
    assertEquals(List.of(Status.FAIL, Status.SKIP),
        r.results().subList(4, 6).stream().map(ProviderCheck.Result::status).toList());
    assertEquals(Verdict.FAILED, r.verdict());
  }
}
