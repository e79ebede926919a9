package dev.llmux.agent.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.mock.WrongSolutions;
import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.workspace.Workspace;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled tasks load, their reference solutions pass every test and a wrong one does not. */
final class BundledTasksTest {

  private static SandboxTestHarness harness;
  private static List<Task> tasks;

  @BeforeAll
  static void load() {
    harness = SandboxTestHarness.withDefaults(Sandbox.detect());
    tasks = Tasks.loadAll(TestTasks.bundledDir());
  }

  @AfterAll
  static void close() {
    harness.close();
  }

  @Test
  void loadAll_bundledTasks_coverBothLanguagesAndAllDifficulties() {
    assertTrue(tasks.size() >= 12, "only " + tasks.size() + " tasks: " + names(tasks));
    Set<Difficulty> seen = EnumSet.noneOf(Difficulty.class);
    for (Language language : Language.values()) {
      for (Difficulty d : List.of(Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD)) {
        assertTrue(tasks.stream().anyMatch(t -> t.language() == language && t.difficulty() == d),
            "no " + d + " task in " + language);
        seen.add(d);
      }
    }
    assertEquals(3, seen.size());
  }

  @Test
  void evaluate_referenceSolution_passesEveryTest_andAWrongOneFails() {
    StringBuilder problems = new StringBuilder();
    for (Task task : tasks) {
      try (Workspace ws = Workspace.createTemp()) {
        for (String f : task.solutionFiles()) {
          ws.writeFile(f, Tasks.reference(task, f));
        }
        TestReport good = harness.evaluate(task, ws);
        if (!good.allPassed()) {
          problems.append(task.name()).append(": reference ").append(good.summary()).append('\n').append(good.output()).append('\n');
        }
        for (String f : task.solutionFiles()) {
          ws.writeFile(f, WrongSolutions.mutate(Tasks.reference(task, f), new Random(0)));
        }
        TestReport bad = harness.evaluate(task, ws);
        if (bad.allPassed()) {
          problems.append(task.name()).append(": the wrong solution passes every test\n");
        }
      }
    }
    assertEquals("", problems.toString());
  }

  @Test
  void evaluate_emptyWorkspace_passesNothing() {
    Task task = tasks.get(0);
    try (Workspace ws = Workspace.createTemp()) {
      TestReport r = harness.evaluate(task, ws);
      assertFalse(r.allPassed());
      assertEquals(0.0, r.passFraction());
    }
  }

  /** The names of the tasks in a list, for messages. */
  private static String names(List<Task> tasks) {
    return tasks.stream().map(Task::name).toList().toString();
  }
}
