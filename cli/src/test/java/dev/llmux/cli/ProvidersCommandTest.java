package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.engine.http.HttpPreset;
import dev.llmux.engine.http.WireFormat;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code llmux providers list|test}, parsed and run end to end against a loopback server. */
final class ProvidersCommandTest {

  private static final String KEY = "sk-test-PLANTED-123";

  private final FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(Map<String, String> env, String... args) {
    CommandLine cl = LlmuxCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    ProvidersCommand.TestProvider test = cl.getSubcommands().get("providers").getSubcommands().get("test").getCommand();
    test.env = env::get;
    return cl.execute(args);
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void parse_testWithOptions_setsTheFields() {
    CommandLine cl = LlmuxCommand.commandLine();
    CommandLine.ParseResult p = cl.parseArgs("providers", "test", "vllm", "--base-url", "http://10.0.0.5:8000/v1",
        "--model", "qwen", "--api-key-env", "VLLM_KEY", "--timeout", "5");
    ProvidersCommand.TestProvider t = p.subcommand().subcommand().commandSpec().commandLine().getCommand();
    assertEquals("vllm", t.name);
    assertEquals("http://10.0.0.5:8000/v1", t.baseUrl);
    assertEquals("qwen", t.model);
    assertEquals("VLLM_KEY", t.keyVariable);
    assertEquals(5, t.timeoutSeconds);
  }

  @Test
  void list_printsEveryPresetAndTheKeyItNeeds() {
    assertEquals(0, run("providers", "list"));
    for (HttpPreset p : HttpPreset.values()) {
      assertTrue(out.toString().contains(p.configName()), p.configName());
    }
    assertTrue(out.toString().contains("required, from ANTHROPIC_API_KEY"), out.toString());
  }

  @Test
  void listJson_isAJsonArrayOfPresets() throws Exception {
    assertEquals(0, run("providers", "list", "--json"));
    JsonNode list = new ObjectMapper().readTree(out.toString());
    assertEquals(HttpPreset.values().length, list.size());
    assertEquals("openai", list.get(0).path("name").asText());
  }

  @Test
  void test_healthyServer_passesEveryCheckAndExitsZero() {
    server.otherwise(r -> Reply.text("1 ", "2 ", "3"));
    int status = run(Map.of("OPENAI_API_KEY", KEY), "providers", "test", "openai", "--base-url",
        server.baseUrl().toString(), "--model", "fake-model");
    assertEquals(0, status, out + "\n" + err);
    assertTrue(out.toString().contains("PASS  streaming"), out.toString());
    assertTrue(out.toString().contains("Result: OK"), out.toString());
    assertEquals("Bearer " + KEY, server.chatLog().get(0).header("authorization"));
    assertFalse(out.toString().contains(KEY));
  }

  @Test
  void test_catalogModel_isTestedWithItsConfiguredUrlModelAndKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    server.otherwise(r -> Reply.text("ok"));
    java.nio.file.Path cfg = dir.resolve("llmux.json");
    java.nio.file.Files.writeString(cfg, "{\"models\": {\"cloud\": {\"provider\": \"openai\", \"model\": \"team-model\","
        + " \"baseUrl\": \"" + server.baseUrl() + "\", \"apiKey\": \"${TEAM_KEY}\"}, \"local\": {\"path\": \"x.gguf\"}}}");
    int status = run(Map.of("TEAM_KEY", KEY), "providers", "test", "cloud", "--config", cfg.toString());
    assertEquals(0, status, out + "\n" + err);
    assertEquals("team-model", server.chatLog().get(0).json().get("model").asText());
    assertEquals("Bearer " + KEY, server.chatLog().get(0).header("authorization"));
    assertFalse(out.toString().contains(KEY));
    assertEquals(2, run("providers", "test", "local", "--config", cfg.toString()));
    assertTrue(err.toString().contains("local model"), err.toString());
    assertEquals(2, run("providers", "test", "nothere", "--config", cfg.toString()));
    assertTrue(err.toString().contains("no model named 'nothere'"), err.toString());
  }

  @Test
  void test_noModelGiven_usesTheFirstListedModel() {
    int status = run("providers", "test", "llama-server", "--base-url", server.baseUrl().toString());
    assertEquals(0, status, out + "\n" + err);
    assertTrue(out.toString().contains("using 'fake-model'"), out.toString());
  }

  @Test
  void test_unreachable_exitsThreeSayingSo() {
    FakeProviderServer dead = FakeProviderServer.start(WireFormat.OPENAI_CHAT);
    String url = dead.baseUrl().toString();
    dead.close();
    int status = run("providers", "test", "ollama", "--base-url", url, "--model", "m", "--timeout", "2");
    assertEquals(3, status, out.toString());
    assertTrue(out.toString().contains("FAIL  reachable"), out.toString());
    assertTrue(out.toString().contains("the server is unreachable, exit status 3"), out.toString());
  }

  @Test
  void test_missingKey_exitsTwoNamingTheVariable() {
    int status = run("providers", "test", "openai", "--base-url", server.baseUrl().toString(), "--model", "m");
    assertEquals(2, status);
    assertTrue(out.toString().contains("OPENAI_API_KEY"), out.toString());
    assertEquals(0, server.chatRequests());
  }

  @Test
  void test_apiKeyEnvUnset_exitsTwoWithOneLineOnStderr() {
    int status = run("providers", "test", "vllm", "--api-key-env", "MY_VLLM_KEY", "--model", "m");
    assertEquals(2, status);
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertTrue(err.toString().contains("MY_VLLM_KEY"), err.toString());
  }

  @Test
  void test_keyRejectedAsJson_exitsTwoAndNeverPrintsTheKey() throws Exception {
    server.models(Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
    int status = run(Map.of("OPENROUTER_API_KEY", KEY), "providers", "test", "openrouter", "--base-url",
        server.baseUrl().toString(), "--model", "m", "--json");
    assertEquals(2, status);
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertEquals("FAIL", report.path("checks").get(2).path("status").asText());
    assertEquals(2, report.path("exitStatus").asInt());
    assertFalse(out.toString().contains(KEY), out.toString());
    assertFalse(err.toString().contains(KEY), err.toString());
    assertTrue(out.toString().contains("***"), "the echoed key was masked");
  }

  @Test
  void test_unknownPreset_exitsTwoListingThePresets() {
    assertEquals(2, run("providers", "test", "gemini"));
    assertTrue(err.toString().contains("llama-server"), err.toString());
  }
}
