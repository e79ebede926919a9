package dev.llmux.agent.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.agent.Agent;
import dev.llmux.agent.EpisodeEnd;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.workspace.Workspace;
import dev.llmux.agent.workspace.WorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code writer-reviewer-tester}: each round, the writer (the agent's own routed loop) works on
 * the task; the {@code reviewer} reads the solution files and answers {@code {"verdict": "approve"
 * | "changes", "findings": [...]}}; the {@code tester} writes one extra test file from the spec
 * ({@code {"file", "content"}}), which runs in the sandbox on a copy of the solution, apart from
 * the task's pristine tests (they stay the only reward). Findings and failures go back to the
 * writer as part of the task for the next round. The episode ends on approval with passing extra
 * tests, when the writer's loop ends for lack of time or backends, or after {@link #ROUNDS} rounds.
 *
 * <p>The reviewer's router learns whether its verdict agreed with the pristine tests at the end;
 * the tester's, whether its tests ran and agreed with them.
 */
final class WriterReviewerTester implements Workflow {

  /** The most writer rounds of one episode. */
  static final int ROUNDS = 3;

  /** The reviewer's answer schema. */
  static final String REVIEW_SCHEMA = """
      {"type": "object", "properties": {
        "verdict": {"type": "string", "enum": ["approve", "changes"]},
        "findings": {"type": "array", "items": {"type": "string"}}},
       "required": ["verdict", "findings"], "additionalProperties": false}""";

  /** The tester's answer schema. */
  static final String TESTS_SCHEMA = """
      {"type": "object", "properties": {"file": {"type": "string"}, "content": {"type": "string"}},
       "required": ["file", "content"], "additionalProperties": false}""";

  /** Marks a solution file in the reviewer's prompt: {@code === file: PATH ===}. */
  static final String FILE_MARK = "=== file: ";

  @Override
  public String name() {
    return Workflows.WRITER_REVIEWER_TESTER;
  }

  @Override
  public List<String> roles() {
    return List.of("reviewer", "tester");
  }

  @Override
  public EpisodeResult run(Agent agent, Task task, Workspace ws, StepListener listener) {
    Totals totals = new Totals(name());
    Task current = task;
    EpisodeEnd end = EpisodeEnd.STEP_LIMIT;
    List<RoleCall.Result> reviews = new ArrayList<>();
    List<RoleCall.Result> tests = new ArrayList<>();
    List<Boolean> approvals = new ArrayList<>();
    List<TestReport> extraReports = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      EpisodeResult w = agent.run(current, ws, totals.loop("writer", listener));
      totals.add(w);
      if (Totals.fatal(w.end())) {
        end = w.end();
        break;
      }
      String files = solutionFiles(task, ws);
      RoleCall.Result review = RoleCall.ask(agent, "reviewer", name(), totals.runId, task, totals.nextStep(), reviewerSystem(),
          "Task: " + task.name() + "\n" + task.spec() + "\n\n" + files, REVIEW_SCHEMA, listener);
      totals.add(review);
      RoleCall.Result tester = RoleCall.ask(agent, "tester", name(), totals.runId, task, totals.nextStep(), testerSystem(task),
          "Task: " + task.name() + "\n" + task.spec(), TESTS_SCHEMA, listener);
      totals.add(tester);
      boolean approved = review.json() != null && "approve".equals(review.json().path("verdict").asText());
      TestReport extra = tester.json() == null ? null : runExtraTests(agent, task, ws, tester.json());
      reviews.add(review);
      tests.add(tester);
      approvals.add(approved);
      extraReports.add(extra);
      if (approved && passed(extra)) {
        end = EpisodeEnd.FINISHED;
        break;
      }
      current = withFeedback(task, review.json(), extra);
    }
    TestReport fin = agent.evaluator().evaluate(task, ws);
    for (int i = 0; i < reviews.size(); i++) {
      RoleCall.feedback(agent, "reviewer", reviews.get(i), approvals.get(i) == fin.allPassed() ? 1 : 0);
      TestReport extra = extraReports.get(i);
      RoleCall.feedback(agent, "tester", tests.get(i), extra == null ? 0 : passed(extra) == fin.allPassed() ? 1 : 0.5);
    }
    return totals.finish(task, end, fin, listener);
  }

  private static String reviewerSystem() {
    return "You review code. Read the task and the solution files. Answer with one JSON object: "
        + "{\"verdict\": \"approve\" or \"changes\", \"findings\": [concrete problems, each naming the file and line]}.";
  }

  private static String testerSystem(Task task) {
    return "You write tests. From the task's spec alone, write one extra test file in the style of the task's own tests ("
        + task.language().id() + "). Answer with one JSON object: {\"file\": file name, \"content\": the file's text}.";
  }

  /** The solution files as the reviewer reads them, each under a {@value #FILE_MARK} line. */
  static String solutionFiles(Task task, Workspace ws) {
    StringBuilder sb = new StringBuilder();
    for (String f : task.solutionFiles()) {
      String content;
      try {
        content = ws.readFile(f);
      } catch (WorkspaceException e) {
        content = "(missing: " + e.getMessage() + ")";
      }
      sb.append(FILE_MARK).append(f).append(" ===\n").append(content).append("\n=== end of ").append(f).append(" ===\n");
    }
    return sb.toString();
  }

  /**
   * Runs the tester's file on a copy of the workspace's solution, through the agent's evaluator,
   * as a task whose only tests are that file; {@code null} when the file name is not a plain name.
   */
  private static TestReport runExtraTests(Agent agent, Task task, Workspace ws, JsonNode json) {
    String file = json.path("file").asText("");
    if (!file.matches("[A-Za-z0-9_.-]{1,100}") || file.startsWith(".")) {
      return null;
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("llmux-extra-tests-");
      Files.createDirectories(dir.resolve("tests"));
      Files.writeString(dir.resolve("tests").resolve(file), json.path("content").asText(""));
      Task extra = new Task(task.name(), task.difficulty(), task.language(), task.spec(), dir, task.solutionFiles(), 0);
      try (Workspace copy = Workspace.createTemp()) {
        for (String f : task.solutionFiles()) {
          try {
            copy.writeFile(f, ws.readFile(f));
          } catch (WorkspaceException e) {
            // A missing solution file stays missing in the copy: the extra tests then fail.
          }
        }
        return agent.evaluator().evaluate(extra, copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the tester's tests", e);
    } finally {
      if (dir != null) {
        Workspace.deleteTree(dir);
      }
    }
  }

  /** Whether the extra tests ran and all passed (they have no expected count of their own). */
  static boolean passed(TestReport extra) {
    return extra != null && extra.verified() && extra.total() > 0 && extra.failed() == 0 && extra.passed() == extra.total();
  }

  /** The task with the reviewer's findings and the extra tests' failures added to its spec. */
  private static Task withFeedback(Task task, JsonNode review, TestReport extra) {
    StringBuilder sb = new StringBuilder(task.spec()).append("\n\nFeedback on your last solution:\n");
    if (review != null && "changes".equals(review.path("verdict").asText())) {
      for (JsonNode f : review.path("findings")) {
        sb.append("- reviewer: ").append(f.asText()).append('\n');
      }
    }
    if (extra != null && !passed(extra)) {
      String out = extra.output();
      sb.append("- extra tests: ").append(extra.verified() ? "passed " + extra.passed() + "/" + extra.total()
          : "no verified result: " + extra.problem()).append('\n')
          .append(out.length() > 1500 ? out.substring(out.length() - 1500) : out).append('\n');
    }
    return new Task(task.name(), task.difficulty(), task.language(), sb.toString(), task.dir(), task.solutionFiles(),
        task.testCount());
  }
}
