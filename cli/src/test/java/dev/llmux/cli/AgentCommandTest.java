package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.trajectory.TrajectoryReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

final class AgentCommandTest {

  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = LlmuxCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void parse_agentRun_readsItsOptions() {
    CommandLine cl = LlmuxCommand.commandLine();
    CommandLine.ParseResult pr = cl.parseArgs("agent", "run", "--task", "tasks/x", "--backend", "mock", "--learn", "--max-steps", "5");
    AgentRunCommand cmd = pr.subcommand().subcommand().commandSpec().commandLine().getCommand();
    assertEquals(Path.of("tasks/x"), cmd.task);
    assertEquals("mock", cmd.options.backend);
    assertTrue(cmd.options.learn);
    assertEquals(5, cmd.options.maxSteps);
    assertEquals("round-robin", cmd.options.router);
  }

  @Test
  void run_learningRouterWhosePolicyFileIsMissing_isBadInputNamingTheFileAndHowToMakeOne() {
    Path policy = tmp.resolve("missing-policy.json");
    int code = run("agent", "run", "--task", TestTasks.bundledDir().resolve("py-fizzbuzz").toString(), "--backend", "mock",
        "--mock-latency-scale", "0", "--router", "rl.TabularQ", "--policy", policy.toString(),
        "--trajectory", tmp.resolve("t.jsonl").toString());
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().startsWith("llmux: error: the policy file " + policy + " does not exist"), err.toString());
    assertTrue(err.toString().contains("llmux router train --policy rl.TabularQ --out " + policy), err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
  }

  @Test
  void run_learningRouterWhosePolicyFileIsMissing_withLearn_saysItStartsFromScratch() {
    Path policy = tmp.resolve("new-policy.json");
    int code = run("agent", "run", "--task", TestTasks.bundledDir().resolve("py-fizzbuzz").toString(), "--backend", "mock",
        "--mock-latency-scale", "0", "--router", "rl.TabularQ", "--policy", policy.toString(), "--learn", "--quiet",
        "--trajectory", tmp.resolve("t.jsonl").toString());
    assertTrue(code == 0 || code == 1, err.toString());
    assertEquals(1, err.toString().lines().filter(l -> l.contains("starts learning from scratch")).count(), err.toString());
    assertTrue(err.toString().contains(policy + " does not exist"), err.toString());
    assertTrue(Files.exists(policy), "the learned policy is saved");
  }

  @Test
  void run_mockBackend_printsEveryStepLabelledAndASummary() {
    Path traj = tmp.resolve("run.jsonl");
    int code = run("agent", "run", "--task", TestTasks.bundledDir().resolve("py-fizzbuzz").toString(), "--backend", "mock",
        "--mock-latency-scale", "0", "--router", "fixed:mock-strong", "--trajectory", traj.toString());
    String text = out.toString();
    assertTrue(code == 0 || code == 1, err.toString());
    assertTrue(text.contains("[MOCK] backends"), text);
    long stepLines = text.lines().filter(l -> l.contains(" step ")).count();
    assertTrue(stepLines >= 2, text);
    assertTrue(text.lines().filter(l -> l.contains(" step ")).allMatch(l -> l.startsWith("[MOCK] ")), text);
    assertTrue(text.contains("[MOCK] py-fizzbuzz: "), text);
    assertTrue(text.contains("mock-strong"), text);
    assertTrue(text.contains("sandbox: "), text);
    TrajectoryReader.Contents c = TrajectoryReader.read(traj);
    assertEquals(1, c.episodes().size());
    assertEquals(stepLines, c.steps().size());
  }

  @Test
  void run_catalogOfASyntheticModel_labelsTheHeaderEveryStepAndTheSummary() throws Exception {
    Path cfg = tmp.resolve("llmux.json");
    Files.writeString(cfg, "{\"models\": {\"tiny\": {\"path\": \"" + dev.llmux.engine.testing.TestModels.tiny()
        + "\", \"threads\": 1, \"warmup\": false}}}");
    int code = run("agent", "run", "--task", TestTasks.bundledDir().resolve("py-fizzbuzz").toString(), "--config",
        cfg.toString(), "--router", "fixed:tiny", "--max-steps", "2", "--trajectory", tmp.resolve("t.jsonl").toString());
    String text = out.toString();
    assertTrue(code == 0 || code == 1, err.toString());
    assertTrue(text.contains("[SYNTHETIC] 'tiny' is a synthetic model"), text);
    assertTrue(text.lines().filter(l -> l.contains(" step ")).count() >= 1, text);
    assertTrue(text.lines().filter(l -> l.contains(" step ")).allMatch(l -> l.startsWith("[SYNTHETIC] ")), text);
    assertTrue(text.contains("[SYNTHETIC] py-fizzbuzz: "), text);
  }

  @Test
  void bench_mockBackend_printsTheTable() {
    Path traj = tmp.resolve("bench.jsonl");
    int code = run("agent", "bench", TestTasks.bundledDir().toString(), "--only", "py-palindrome,java-gcd-lcm", "--backend", "mock",
        "--mock-latency-scale", "0", "--quiet", "--trajectory", traj.toString());
    String text = out.toString();
    assertEquals(0, code, err.toString());
    assertTrue(text.contains("task"), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("py-palindrome") && l.contains("easy")), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("java-gcd-lcm")), text);
    assertTrue(text.contains("total (2 episodes)"), text);
    assertTrue(text.contains("mock-fast") && text.contains("mock-balanced") && text.contains("mock-strong"), text);
    assertTrue(text.contains("[MOCK] results of scripted mock backends"), text);
  }

  @Test
  void export_writesChatExamples() throws Exception {
    Path traj = tmp.resolve("e.jsonl");
    run("agent", "run", "--task", TestTasks.bundledDir().resolve("py-palindrome").toString(), "--backend", "mock",
        "--mock-latency-scale", "0", "--router", "fixed:mock-strong", "--trajectory", traj.toString());
    Path sft = tmp.resolve("sft.jsonl");
    int code = run("agent", "export", traj.toString(), "-o", sft.toString(), "--include-mock", "--all-episodes");
    assertEquals(0, code, err.toString());
    assertTrue(Files.readAllLines(sft).size() >= 2);
    assertTrue(out.toString().contains("examples to"), out.toString());
  }

  @Test
  void run_withoutBackends_isBadInput_withOneLine() {
    int code = run("agent", "run", "--task", TestTasks.bundledDir().resolve("py-fizzbuzz").toString());
    assertEquals(2, code);
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertTrue(err.toString().contains("--backend mock"), err.toString());
  }

  @Test
  void run_missingTask_isBadInput() {
    int code = run("agent", "run", "--task", tmp.resolve("nope").toString(), "--backend", "mock");
    assertEquals(2, code);
    assertTrue(err.toString().contains("task.json"), err.toString());
  }

  @Test
  void run_unknownRouterBackend_isBadInput() {
    int code = run("agent", "run", "--task", TestTasks.bundledDir().resolve("py-fizzbuzz").toString(), "--backend", "mock",
        "--router", "fixed:gpt-9");
    assertEquals(2, code);
    assertTrue(err.toString().contains("gpt-9"), err.toString());
  }

  @Test
  void run_unknownWorkflow_isBadInputNamingItAndTheKnownOnes() {
    int code = run("agent", "run", "--task", TestTasks.bundledDir().resolve("py-fizzbuzz").toString(), "--backend", "mock",
        "--workflow", "pair-programming");
    assertEquals(2, code);
    assertTrue(err.toString().contains("pair-programming") && err.toString().contains("solo"), err.toString());
  }

  @Test
  void run_soloWorkflow_saysWhichWorkflowRuns() {
    int code = run("agent", "run", "--task", TestTasks.bundledDir().resolve("py-palindrome").toString(), "--backend", "mock",
        "--mock-latency-scale", "0", "--workflow", "solo", "--trajectory", tmp.resolve("w.jsonl").toString());
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("workflow: solo"), out.toString());
  }

  @Test
  void sandboxRun_runsTheCommand_andReportsHowItEnded() throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    int code = run("sandbox", "run", "--workspace", ws.toString(), "--", "sh", "-c", "echo hello > f.txt; cat f.txt");
    assertEquals(0, code, err.toString());
    assertEquals("hello", out.toString().strip());
    assertTrue(err.toString().contains("[sandbox] exit 0"), err.toString());
    assertTrue(err.toString().contains("isolation: "), err.toString());
    int failing = run("sandbox", "run", "--workspace", ws.toString(), "--timeout", "1", "--", "sleep", "30");
    assertEquals(1, failing);
    assertTrue(err.toString().contains("wall-clock"), err.toString());
  }
}
