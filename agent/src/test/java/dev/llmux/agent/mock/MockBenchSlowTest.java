package dev.llmux.agent.mock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.Agent;
import dev.llmux.agent.Bench;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.TestDoubles.RecordingPolicy;
import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.task.SandboxTestHarness;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import dev.llmux.agent.testing.TestTasks;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The whole bench through the real sandbox harness: the strong mock solves nearly every task, the fast one fewer. */
@Tag("slow")
final class MockBenchSlowTest {

  @Test
  void bench_realHarness_strongTierSolvesMoreThanFastTier() {
    List<Task> tasks = Tasks.loadAll(TestTasks.bundledDir());
    int strong = solved(MockTier.STRONG, tasks);
    int fast = solved(MockTier.FAST.withMaxWrites(1), tasks);
    assertTrue(strong >= tasks.size() - 2, "strong solved " + strong + "/" + tasks.size());
    assertTrue(fast < strong, "fast " + fast + " vs strong " + strong);
  }

  private static int solved(MockTier tier, List<Task> tasks) {
    try (SandboxTestHarness harness = SandboxTestHarness.withDefaults(Sandbox.detect())) {
      Agent agent = Agent.builder().policy(new RecordingPolicy(tier.name()))
          .backends(MockBackends.of(List.of(tier), tasks, 5, 0).values()).evaluator(harness).build();
      List<EpisodeResult> rs = Bench.run(agent, tasks, 2, StepListener.NONE);
      return (int) Math.round(rs.stream().filter(EpisodeResult::success).count() / 2.0);
    }
  }
}
