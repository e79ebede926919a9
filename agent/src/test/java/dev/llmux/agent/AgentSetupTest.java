package dev.llmux.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.trajectory.TrajectoryReader;
import dev.llmux.engine.Price;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AgentSetupTest {

  @TempDir Path tmp;

  private static Task palindrome() {
    return Tasks.load(TestTasks.bundledDir().resolve("py-palindrome"));
  }

  @Test
  void build_mockTiers_areRoutedWithTheirPrices_andTheTrajectoryIsWritten() {
    Path traj = tmp.resolve("t.jsonl");
    Task task = palindrome();
    try (AgentSetup setup = AgentSetup.builder()
        .backends(AgentBackends.mock(List.of(task), 3, 0))
        .router("fixed:mock-strong")
        .trajectory(traj)
        .build()) {
      assertTrue(setup.backends().mock());
      assertFalse(setup.learns());
      assertEquals(List.of("mock-fast", "mock-balanced", "mock-strong"), setup.agent().backends());
      assertEquals(Price.perCall(0.01), setup.backends().price("mock-strong"));
      EpisodeResult r = Bench.run(setup.agent(), List.of(task), 1, setup.trajectory()).get(0);
      assertTrue(r.mock());
      assertEquals(r.stepsPerBackend().keySet(), java.util.Set.of("mock-strong"));
      assertTrue(r.cost() > 0, "the mock tier's price per call is charged");
    }
    TrajectoryReader.Contents c = TrajectoryReader.read(traj);
    assertEquals(1, c.episodes().size());
    assertTrue(c.steps().stream().allMatch(s -> s.path("reward").path("cost").asDouble() == 0.01), c.steps().toString());
  }

  @Test
  void build_routerThatDoesNotFit_isRefused_andTheTrajectoryIsNotCreated() {
    Path traj = tmp.resolve("never.jsonl");
    AgentException e = assertThrows(AgentException.class, () -> AgentSetup.builder()
        .backends(AgentBackends.mock(List.of(palindrome()), 3, 0))
        .router("fixed:gpt-9")
        .trajectory(traj)
        .build());
    assertTrue(e.getMessage().contains("gpt-9"), e.getMessage());
    assertFalse(Files.exists(traj));
  }
}
