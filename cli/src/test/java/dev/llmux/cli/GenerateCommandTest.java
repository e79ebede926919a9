package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.engine.http.WireFormat;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import dev.llmux.engine.testing.OversizedJson;
import dev.llmux.engine.testing.TestModels;
import dev.llmux.router.PolicyRouter;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GenerateCommandTest {

  private static final String TINY = TestModels.tiny().toString();

  @Test
  void generate_json_printsOneParsableObjectWithFigures() throws Exception {
    CliRun r = CliRun.of("generate", "--model", TINY, "--json", "--temperature", "0", "-n", "12", "--ignore-eos", "Hello");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("LENGTH", n.get("stopReason").asText());
    assertEquals(12, n.get("usage").get("completionTokens").asInt());
    assertTrue(n.get("timings").get("decodeTokensPerSecond").asDouble() > 0);
    assertTrue(n.get("synthetic").asBoolean());
    assertTrue(r.err().contains("synthetic model"), r.err());
  }

  @Test
  void generate_stats_printsFiguresAfterTheText() {
    CliRun r = CliRun.of("generate", "--model", TINY, "--stats", "-n", "8", "--ignore-eos", "Hello");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("completion tokens:   8"), r.out());
    assertTrue(r.out().contains("decode speed:"), r.out());
    assertTrue(r.out().contains("synthetic"), r.out());
  }

  @Test
  void generate_missingModelFile_exits2WithOneLine(@TempDir Path dir) {
    CliRun r = CliRun.of("generate", "--model", dir.resolve("none.gguf").toString(), "hi");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("llmux: error: "), r.err());
  }

  @Test
  void generate_notAModel_exits2(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("x.gguf"), "this is not a model");
    CliRun r = CliRun.of("generate", "--model", f.toString(), "hi");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains(f.toString()), r.err());
  }

  @Test
  void generate_badInput_exits2WithClearMessage() {
    assertBad(CliRun.of("generate", "--model", TINY, "--prompt", "   "), "prompt is empty");
    assertBad(CliRun.of("generate", "--model", TINY, "-n", "0", "hi"), "maxTokens is 0");
    assertBad(CliRun.of("generate", "--model", TINY, "--ctx", "99999999", "hi"), "contextSize");
    assertBad(CliRun.of("generate", "--model", TINY, "--threads", "0", "hi"), "threads is 0");
    assertBad(CliRun.of("generate", "--model", TINY, "--temperature", "-1", "hi"), "temperature");
    assertBad(CliRun.of("generate", "--no-such-option"), "no-such-option");
    assertBad(CliRun.of("generate", "--config", "/nonexistent/llmux.json", "hi"), "does not exist");
  }

  private static void assertBad(CliRun r, String expected) {
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
  }

  @Test
  void generate_catalogRole_usesTheNamedModel(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("llmux.json");
    Files.writeString(cfg, "{\"models\":{\"small\":{\"path\":\"" + TINY + "\",\"threads\":1}},\"roles\":{\"primary\":\"small\"}}");
    CliRun r = CliRun.of("generate", "--config", cfg.toString(), "--json", "-n", "4", "hi");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"backend\":\"small\""), r.out());
  }

  private static CliRun withStdin(String input, String... args) {
    InputStream before = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.of(args);
    } finally {
      System.setIn(before);
    }
  }

  @Test
  void generate_noPromptWithPipedStdin_answersTheStdinText() throws Exception {
    String text = "one two three four five six seven eight nine ten";
    CliRun piped = withStdin(text + "\n", "generate", "--model", TINY, "--raw", "--json", "-n", "1");
    assertEquals(0, piped.exitCode(), piped.err());
    CliRun argument = CliRun.of("generate", "--model", TINY, "--raw", "--json", "-n", "1", text + "\n");
    assertEquals(0, argument.exitCode(), argument.err());
    ObjectMapper m = new ObjectMapper();
    assertEquals(m.readTree(argument.out()).get("usage").get("promptTokens").asInt(),
        m.readTree(piped.out()).get("usage").get("promptTokens").asInt(), "the piped text is the prompt");
  }

  @Test
  void generate_noPromptAndEmptyStdin_exits2WithoutAHiddenPrompt() {
    assertBad(withStdin("", "generate", "--model", TINY, "-n", "1"), "prompt is empty");
  }

  @Test
  void generate_noPromptOnATerminal_printsUsageAndExits2(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")),
        "util-linux script gives the command a terminal");
    StringBuilder cmd = new StringBuilder();
    for (String a : new String[] {Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "-Dllmux.native.cache=" + dir.resolve("cache"), Main.class.getName(),
        "generate", "--model", TINY}) {
      cmd.append(" '").append(a.replace("'", "'\\''")).append("'");
    }
    Process p = new ProcessBuilder("/usr/bin/script", "-qec", cmd.toString(), "/dev/null")
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .replaceAll("\u001B\\[[;\\d]*m", "");
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("Usage: llmux generate"), out);
    assertTrue(out.contains("llmux: error: no prompt"), out);
  }

  @Test
  void generate_help_saysStdinIsReadAndThereIsNoBuiltInPrompt() {
    String help = CliRun.of("generate", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("standard input is read to its end when it is not a terminal"), help);
    assertTrue(help.contains("there is no built-in prompt"), help);
  }

  @Test
  void help_everyCommandHasUsage() {
    for (String cmd : new String[] {"generate", "chat", "doctor"}) {
      CliRun r = CliRun.of(cmd, "--help");
      assertEquals(0, r.exitCode());
      assertTrue(r.out().contains("Usage: llmux " + cmd), r.out());
    }
  }

  private static Path twoModels(Path dir, String extra) throws Exception {
    Path cfg = dir.resolve("llmux.json");
    Files.writeString(cfg, """
        {"models": {"small": {"path": "%s", "threads": 1, "contextSize": 64, "warmup": false%s},
                    "big": {"path": "%s", "threads": 1, "contextSize": 1024, "warmup": false}},
         "roles": {"primary": ["small", "big"]}}""".formatted(TINY, extra, TINY));
    return cfg;
  }

  @Test
  void generate_routerAndPolicyFile_mustNameOnePolicy_aliasesCounting(@TempDir Path dir) throws Exception {
    Path cfg = twoModels(dir, "");
    Path file = dir.resolve("p.json");
    PolicyRouter trained = PolicyRouter.builder().backends(java.util.List.of("small", "big")).policy("bandit.Ucb1").build();
    trained.save(file);
    CliRun other = CliRun.of("generate", "--config", cfg.toString(), "--router", "rl.TabularQ", "--policy", file.toString(),
        "-n", "2", "hi");
    assertEquals(2, other.exitCode(), other.err());
    assertTrue(other.err().lines().anyMatch(l -> l.startsWith("llmux: error: ") && l.contains(file.toString())
        && l.contains("holds bandit.Ucb1, not rl.TabularQ")), other.err());
    CliRun same = CliRun.of("generate", "--config", cfg.toString(), "--router", "bandit.Ucb1", "--policy", file.toString(),
        "--json", "-n", "2", "hi");
    assertEquals(0, same.exitCode(), same.err());
    assertEquals("bandit.Ucb1", new ObjectMapper().readTree(same.out()).get("routed").get("policy").asText());
    Path fixed = dir.resolve("fixed.json");
    PolicyRouter.builder().backends(java.util.List.of("small", "big")).policy("baseline.Always(big)").build().save(fixed);
    CliRun alias = CliRun.of("generate", "--config", cfg.toString(), "--router", "fixed:big", "--policy", fixed.toString(),
        "--json", "-n", "2", "hi");
    assertEquals(0, alias.exitCode(), alias.err());
    assertEquals("big", new ObjectMapper().readTree(alias.out()).get("routed").get("decision").asText());
  }

  @Test
  void generate_router_goesThroughTheRoutedBackendAndSaysHow(@TempDir Path dir) throws Exception {
    Path cfg = twoModels(dir, "");
    CliRun r = CliRun.of("generate", "--config", cfg.toString(), "--router", "bandit.Ucb1", "--json", "-n", "4",
        "Sum two integers.");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode routed = new ObjectMapper().readTree(r.out()).get("routed");
    assertEquals("primary", routed.get("by").asText());
    assertEquals("bandit.Ucb1", routed.get("policy").asText());
    assertTrue(routed.get("decision").asText().matches("small|big"), routed.toString());
    assertEquals("EASY", routed.get("difficulty").asText(), "no difficulty given: estimated from the prompt's text");
  }

  @Test
  void generate_roleOfSeveralModels_isRoutedInItsFallbackOrderByDefault(@TempDir Path dir) throws Exception {
    Path cfg = twoModels(dir, "");
    CliRun r = CliRun.of("generate", "--config", cfg.toString(), "--stats", "-n", "4", "--ignore-eos", "hi");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("routed:              small by baseline.Always(small) (always)"), r.out());
    assertTrue(r.out().contains("routed as:"), r.out());
  }

  @Test
  void generate_promptBeyondTheChosenModelsContext_exits2NamingTheModel_andNoOtherAnswers(@TempDir Path dir) throws Exception {
    Path cfg = twoModels(dir, "");
    CliRun r = CliRun.of("generate", "--config", cfg.toString(), "--json", "-n", "4", "--raw", "word ".repeat(20));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("", r.out(), "no answer from another model hides the refusal");
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("llmux: error: ") && l.contains("context")), r.err());
  }

  /** A role whose first model is a provider that streams two pieces, then drops the connection. */
  private static Path brokenCloudThenTiny(Path dir, FakeProviderServer server) throws Exception {
    server.otherwise(q -> Reply.text("one ", "two ").then(FakeProviderServer.Ending.DISCONNECT));
    Path cfg = dir.resolve("llmux.json");
    Files.writeString(cfg, """
        {"models": {"cloud": {"provider": "llama-server", "model": "m", "baseUrl": "%s"},
                    "small": {"path": "%s", "threads": 1, "warmup": false}},
         "roles": {"primary": ["cloud", "small"]}}""".formatted(server.baseUrl(), TINY));
    return cfg;
  }

  @Test
  void generate_jsonAfterAContinuation_reportsEachBackendsPartAndTheirSum(@TempDir Path dir) throws Exception {
    try (FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT)) {
      Path cfg = brokenCloudThenTiny(dir, server);
      CliRun r = CliRun.of("generate", "--config", cfg.toString(), "--json", "-n", "6", "--ignore-eos", "hi");
      assertEquals(0, r.exitCode(), r.err());
      JsonNode n = new ObjectMapper().readTree(r.out());
      assertTrue(n.get("text").asText().startsWith("one two "), n.toString());
      JsonNode parts = n.get("parts");
      assertEquals(2, parts.size(), n.toString());
      assertEquals("cloud", parts.get(0).get("backend").asText());
      assertEquals(2, parts.get(0).get("usage").get("completionTokens").asInt());
      assertEquals("small", parts.get(1).get("backend").asText());
      assertEquals(4, parts.get(1).get("usage").get("completionTokens").asInt(), "the tokens left of the limit of 6");
      assertTrue(parts.get(1).get("usage").get("promptTokens").asInt() > 0, n.toString());
      assertTrue(parts.get(1).get("timings").get("totalMillis").asDouble() > 0, n.toString());
      assertEquals(6, n.get("usage").get("completionTokens").asInt());
      assertEquals(parts.get(0).get("usage").get("promptTokens").asInt() + parts.get(1).get("usage").get("promptTokens").asInt(),
          n.get("usage").get("promptTokens").asInt());
    }
  }

  @Test
  void generate_statsAfterAContinuation_printsALinePerBackend(@TempDir Path dir) throws Exception {
    try (FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT)) {
      Path cfg = brokenCloudThenTiny(dir, server);
      CliRun r = CliRun.of("generate", "--config", cfg.toString(), "--stats", "-n", "6", "--ignore-eos", "hi");
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("completion tokens:   6"), r.out());
      assertTrue(r.out().matches("(?s).*  cloud: +0 prompt \\+ 2 completion tokens.*"), r.out());
      assertTrue(r.out().matches("(?s).*  small: +\\d+ prompt \\+ 4 completion tokens.*"), r.out());
    }
  }

  @Test
  void generate_roleWhoseSyntheticModelAnsweredAfterAFailure_isLabelledSynthetic(@TempDir Path dir) throws Exception {
    FakeProviderServer dead = FakeProviderServer.start(WireFormat.OPENAI_CHAT);
    String url = dead.baseUrl().toString();
    dead.close();
    Path cfg = dir.resolve("llmux.json");
    Files.writeString(cfg, """
        {"models": {"cloud": {"provider": "llama-server", "model": "m", "baseUrl": "%s", "connectTimeoutSeconds": 2},
                    "small": {"path": "%s", "threads": 1, "warmup": false}},
         "roles": {"chat": ["cloud", "small"]}}""".formatted(url, TINY));
    CliRun r = CliRun.of("generate", "--config", cfg.toString(), "--role", "chat", "--json", "-n", "4", "hi");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("small", n.get("backend").asText(), n.toString());
    assertTrue(n.get("synthetic").asBoolean(), n.toString());
    assertTrue(r.err().contains("'small' is a synthetic model"), r.err());
  }

  @Test
  void generate_continuationFinishedBySyntheticModel_isLabelledSynthetic(@TempDir Path dir) throws Exception {
    try (FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT)) {
      Path cfg = brokenCloudThenTiny(dir, server);
      CliRun json = CliRun.of("generate", "--config", cfg.toString(), "--role", "primary", "--json", "-n", "6", "hi");
      assertEquals(0, json.exitCode(), json.err());
      assertTrue(new ObjectMapper().readTree(json.out()).get("synthetic").asBoolean(), json.out());
      CliRun stats = CliRun.of("generate", "--config", cfg.toString(), "--role", "primary", "--stats", "-n", "6", "hi");
      assertTrue(stats.out().contains("(synthetic: real speed, noise text)"), stats.out());
    }
  }

  @Test
  void generate_answerOfARemoteModelBesideASyntheticOne_isNotLabelledSynthetic(@TempDir Path dir) throws Exception {
    try (FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT)) {
      server.otherwise(q -> Reply.text("fine"));
      Path cfg = dir.resolve("llmux.json");
      Files.writeString(cfg, """
          {"models": {"cloud": {"provider": "llama-server", "model": "m", "baseUrl": "%s"},
                      "small": {"path": "%s", "threads": 1, "warmup": false}},
           "roles": {"chat": ["cloud", "small"]}}""".formatted(server.baseUrl(), TINY));
      CliRun r = CliRun.of("generate", "--config", cfg.toString(), "--role", "chat", "--json", "-n", "4", "hi");
      assertEquals(0, r.exitCode(), r.err());
      assertFalse(new ObjectMapper().readTree(r.out()).get("synthetic").asBoolean(), r.out());
    }
  }

  @Test
  void generate_catalogPastTheParsersLimits_exits2NamingTheFileAndTheLimit(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("llmux.json");
    for (String doc : OversizedJson.all("models")) {
      Files.writeString(cfg, doc);
      CliRun r = CliRun.of("generate", "--config", cfg.toString(), "-n", "2", "hi");
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains(cfg.toString()) && r.err().contains(OversizedJson.LIMIT_WORDS), r.err());
      assertFalse(r.err().contains("internal error"), r.err());
    }
  }

  @Test
  void generate_jsonSchemaFilePastTheParsersLimits_exits2NamingTheFileAndTheLimit(@TempDir Path dir) throws Exception {
    Path schema = dir.resolve("schema.json");
    for (String doc : OversizedJson.all("type")) {
      Files.writeString(schema, doc);
      CliRun r = CliRun.of("generate", "--model", TINY, "--json-schema", schema.toString(), "-n", "2", "hi");
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains(schema.toString()) && r.err().contains(OversizedJson.LIMIT_WORDS),
          r.err());
    }
  }

  @Test
  void generate_routerWithOneModelFile_routesTrivially() {
    CliRun r = CliRun.of("generate", "--model", TINY, "--router", "rl.TabularQ", "--stats", "-n", "4", "--ignore-eos", "hi");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("routed:              tiny-q8_0 by rl.TabularQ"), r.out());
  }

  @Test
  void generate_unknownRouter_exits2NamingThePolicies() {
    assertBad(CliRun.of("generate", "--model", TINY, "--router", "no.Such", "hi"), "no policy is called 'no.Such'");
  }

  @Test
  void generate_pinnedModelWithTheWrongSha256_exits2NamingTheFileAndBothHashes(@TempDir Path dir) throws Exception {
    String wrong = "ab".repeat(32);
    Path cfg = twoModels(dir, ", \"sha256\": \"" + wrong + "\"");
    CliRun r = CliRun.of("generate", "--config", cfg.toString(), "-n", "4", "hi");
    assertBad(r, wrong + " is pinned");
    assertTrue(r.err().contains(TINY) && r.err().contains("sha256 is "), r.err());
  }
}
