package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.router.sim.Scenarios;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

final class RouterCommandTest {

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = LlmuxCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void parse_trainOptions_areBound() {
    CommandLine cl = LlmuxCommand.commandLine();
    CommandLine.ParseResult parsed = cl.parseArgs("router", "train", "--preset", "qwen-coder", "--policy", "bandit.Ucb1",
        "--episodes", "10", "--seed", "7", "--out", "x.json", "--lambda", "0.5");
    RouterTrainCommand train = parsed.subcommand().subcommand().commandSpec().commandLine().getCommand();
    assertEquals("qwen-coder", train.options.preset);
    assertEquals("bandit.Ucb1", train.policy);
    assertEquals(10, train.episodes);
    assertEquals(7L, train.options.seed);
    assertEquals(Path.of("x.json"), train.out);
    assertEquals(0.5, train.options.lambda);
  }

  @Test
  void parse_evalPolicies_splitOnCommas() {
    CommandLine.ParseResult parsed = LlmuxCommand.commandLine().parseArgs("router", "eval", "--policies",
        "oracle,rl.TabularQ,baseline.Cascade", "--json", "--charts", "out");
    RouterEvalCommand eval = parsed.subcommand().subcommand().commandSpec().commandLine().getCommand();
    assertEquals(List.of("oracle", "rl.TabularQ", "baseline.Cascade"), eval.policies);
    assertTrue(eval.json);
    assertEquals(Path.of("out"), eval.charts);
  }

  @Test
  void trainThenShow_toy_savesAPolicyRoutingEasyToFastAndHardToStrong() {
    Path file = dir.resolve("toy-policy.json");
    Result train = run("router", "train", "--preset", "toy", "--episodes", "4000", "--seed", "3", "--out", file.toString());
    assertEquals(0, train.code, train.err);
    assertTrue(Files.exists(file));
    assertTrue(train.out.contains("saved " + file), train.out);
    assertEquals("train rl.TabularQ: 4000 episodes done", train.err.strip(),
        "without a terminal, one milestone line on stderr: " + train.err);
    Result show = run("router", "show", "--policy-file", file.toString());
    assertEquals(0, show.code, show.err);
    assertTrue(show.out.contains("first attempts: easy -> fast"), show.out);
    assertTrue(show.out.contains("hard -> strong"), show.out);
    assertTrue(show.out.contains("difficulty") && show.out.contains("choice"), show.out);
  }

  @Test
  void train_fromAnExistingFile_continuesLearning() {
    Path file = dir.resolve("p.json");
    assertEquals(0, run("router", "train", "--episodes", "500", "--out", file.toString()).code);
    Result more = run("router", "train", "--episodes", "500", "--from", file.toString(), "--out", file.toString());
    assertEquals(0, more.code, more.err);
  }

  @ParameterizedTest
  @ValueSource(strings = {"toy", "qwen-coder", "primary-under-load"})
  void eval_everyPreset_printsEveryPolicySideBySide(String preset) {
    Result r = run("router", "eval", "--preset", preset, "--episodes", "2000", "--eval-episodes", "300");
    assertEquals(0, r.code, r.err);
    for (String policy : List.of("oracle", "rl.TabularQ", "bandit.Ucb1", "bandit.Thompson", "baseline.Random",
        "baseline.Cascade", "baseline.Always(")) {
      assertTrue(r.out.contains(policy), policy + " missing from\n" + r.out);
    }
  }

  @Test
  void eval_json_isValidJsonWithEveryPolicy() throws Exception {
    Result r = run("router", "eval", "--preset", "toy", "--episodes", "500", "--eval-episodes", "200", "--json");
    assertEquals(0, r.code, r.err);
    JsonNode root = new ObjectMapper().readTree(r.out);
    assertEquals(10, root.get("results").size());
    assertEquals(10, root.get("visibility").size(), "told / estimated / blind for every policy");
    assertEquals("oracle", root.get("results").get(0).get("policy").asText());
  }

  @Test
  void eval_profilesFileWithCharts_writesThePngs() throws Exception {
    Path profiles = dir.resolve("fleet.json");
    Files.writeString(profiles, Scenarios.presetText("primary-under-load"));
    Path charts = dir.resolve("charts");
    Result r = run("router", "eval", "--profiles", profiles.toString(), "--episodes", "500", "--eval-episodes", "200",
        "--charts", charts.toString());
    assertEquals(0, r.code, r.err);
    for (String png : List.of("learning-curve.png", "cost-vs-success.png", "latency-vs-success.png")) {
      assertTrue(Files.size(charts.resolve(png)) > 1000, png);
    }
  }

  @Test
  void eval_savedPolicy_isComparedBesideTheOthers() {
    Path file = dir.resolve("mine.json");
    assertEquals(0, run("router", "train", "--episodes", "1000", "--out", file.toString()).code);
    Result r = run("router", "eval", "--policies", "oracle", "--policy-file", file.toString(), "--eval-episodes", "200");
    assertEquals(0, r.code, r.err);
    assertTrue(r.out.contains("file:mine.json"), r.out);
  }

  @Test
  void eval_unknownPreset_exitsTwoWithOneClearLine() {
    Result r = run("router", "eval", "--preset", "gpt-zoo");
    assertEquals(2, r.code);
    assertEquals(1, r.err.lines().count(), r.err);
    assertTrue(r.err.startsWith("llmux: error: there is no preset called 'gpt-zoo'"), r.err);
    assertFalse(r.err.contains("\tat "), "no stack trace without --verbose");
  }

  @Test
  void eval_invalidProfilesFile_exitsTwoNamingTheJsonPath() throws Exception {
    Path profiles = dir.resolve("fleet.json");
    Files.writeString(profiles, Scenarios.presetText("toy").replace("\"decodeTokensPerSecond\": 120", "\"decodeTokensPerSecond\": -1"));
    Result r = run("router", "eval", "--profiles", profiles.toString());
    assertEquals(2, r.code);
    assertTrue(r.err.contains("$.backends[0].decodeTokensPerSecond is -1"), r.err);
  }

  @Test
  void show_corruptPolicyFile_exitsTwo() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"format\": \"llmux-router-policy\", \"version\": 1, \"policy\": ");
    Result r = run("router", "show", "--policy-file", file.toString());
    assertEquals(2, r.code);
    assertTrue(r.err.contains("not valid JSON"), r.err);
  }

  @Test
  void train_oracle_isRefused() {
    Result r = run("router", "train", "--policy", "oracle", "--out", dir.resolve("o.json").toString());
    assertEquals(2, r.code);
    assertTrue(r.err.contains("oracle"), r.err);
  }

  @Test
  void eval_presetAndProfilesTogether_isRefused() {
    Result r = run("router", "eval", "--preset", "toy", "--profiles", "x.json");
    assertEquals(2, r.code);
    assertTrue(r.err.contains("not both"), r.err);
  }

  @Test
  void train_negativeEpisodes_isRefused() {
    Result r = run("router", "train", "--episodes", "-5", "--out", dir.resolve("p.json").toString());
    assertEquals(2, r.code);
  }

  @Test
  void router_withoutSubcommand_printsUsageAndExits2() {
    Result r = run("router");
    assertEquals(2, r.code);
    assertTrue(r.err.contains("train") && r.err.contains("eval") && r.err.contains("show"), r.err);
    assertTrue(r.err.contains("needs a command"), r.err);
  }
}
