package dev.llmux.agent.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.Agent;
import dev.llmux.agent.AgentConfig;
import dev.llmux.agent.Bench;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.StepOutcome;
import dev.llmux.agent.StepRecord;
import dev.llmux.agent.TestDoubles.ContentEvaluator;
import dev.llmux.agent.TestDoubles.RecordingPolicy;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.tools.InvalidCall;
import dev.llmux.agent.workspace.Workspace;
import dev.llmux.engine.Backend;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mock backend solves tasks at its tier's rates and produces every kind of invalid answer. */
final class MockBackendTest {

  private static final List<Task> TASKS = Tasks.loadAll(TestTasks.bundledDir());

  private static Task firstOf(Difficulty d) {
    return TASKS.stream().filter(t -> t.difficulty() == d).findFirst().orElseThrow();
  }

  @Test
  void run_eachTierAndDifficulty_succeedsAtTheTiersRate() {
    int episodes = 200;
    StringBuilder off = new StringBuilder();
    for (MockTier base : MockTier.STANDARD) {
      MockTier tier = base.withInvalidRate(0).withMaxWrites(1);
      for (Difficulty d : List.of(Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD)) {
        Task task = firstOf(d);
        String file = task.solutionFiles().get(0);
        Map<String, Backend> backends = MockBackends.of(List.of(tier), List.of(task), 7, 0);
        Agent agent = Agent.builder().policy(new RecordingPolicy(tier.name())).backends(backends.values())
            .evaluator(new ContentEvaluator(file, Tasks.reference(task, file))).build();
        int ok = 0;
        for (int i = 0; i < episodes; i++) {
          try (Workspace ws = Workspace.createTemp()) {
            ok += agent.run(task, ws, StepListener.NONE).success() ? 1 : 0;
          }
        }
        double p = tier.success(d);
        double sigma = Math.sqrt(episodes * p * (1 - p));
        if (Math.abs(ok - episodes * p) > 4 * sigma + 1) {
          off.append(tier.name()).append(' ').append(d).append(": ").append(ok).append('/').append(episodes)
              .append(", expected about ").append(episodes * p).append('\n');
        }
      }
    }
    assertEquals("", off.toString());
  }

  @Test
  void run_retriesAfterFailedTests_upToMaxWrites() {
    Task hard = firstOf(Difficulty.HARD);
    String file = hard.solutionFiles().get(0);
    MockTier never = new MockTier("mock-never", 0, 0, 0, 0, 0, 0, 3);
    Agent agent = Agent.builder().policy(new RecordingPolicy("mock-never"))
        .backends(MockBackends.of(List.of(never), List.of(hard), 1, 0).values())
        .evaluator(new ContentEvaluator(file, Tasks.reference(hard, file))).build();
    try (Workspace ws = Workspace.createTemp()) {
      EpisodeResult r = agent.run(hard, ws, StepListener.NONE);
      assertEquals(7, r.steps(), "3 x (write, run_tests) then finish");
      assertTrue(!r.success());
    }
  }

  @Test
  void run_invalidAnswers_coverTheKinds_andEveryStepIsLabelledMock() {
    Task task = firstOf(Difficulty.EASY);
    String file = task.solutionFiles().get(0);
    MockTier sloppy = MockTier.FAST.withInvalidRate(0.5);
    Agent agent = Agent.builder().policy(new RecordingPolicy(sloppy.name()))
        .backends(MockBackends.of(List.of(sloppy), List.of(task), 3, 0).values())
        .evaluator(new ContentEvaluator(file, Tasks.reference(task, file)))
        .config(AgentConfig.builder().maxSteps(30).build()).build();
    Set<InvalidCall.Kind> kinds = EnumSet.noneOf(InvalidCall.Kind.class);
    List<StepRecord> steps = new ArrayList<>();
    List<EpisodeResult> results = Bench.run(agent, List.of(task, task, task, task, task, task), 1, new StepListener() {
      @Override
      public void onStep(StepRecord s) {
        steps.add(s);
        if (s.outcome() instanceof StepOutcome.InvalidAnswer invalid) {
          kinds.add(invalid.invalid().kind());
        }
      }
    });
    assertTrue(kinds.containsAll(EnumSet.of(InvalidCall.Kind.NOT_JSON, InvalidCall.Kind.UNKNOWN_TOOL,
        InvalidCall.Kind.MISSING_ARGUMENT, InvalidCall.Kind.TWO_CALLS, InvalidCall.Kind.CUT_OFF)), kinds.toString());
    assertTrue(steps.stream().allMatch(StepRecord::mock));
    assertTrue(results.stream().allMatch(EpisodeResult::mock));
    assertTrue(agent.invalidCalls().rate(sloppy.name()).rate() > 0.3);
  }

  @Test
  void mutate_changesTheReference_andIsSeeded() {
    for (Task t : TASKS) {
      String ref = Tasks.reference(t, t.solutionFiles().get(0));
      String a = WrongSolutions.mutate(ref, new java.util.Random(5));
      assertTrue(!a.equals(ref), t.name());
      assertEquals(a, WrongSolutions.mutate(ref, new java.util.Random(5)));
    }
  }
}
