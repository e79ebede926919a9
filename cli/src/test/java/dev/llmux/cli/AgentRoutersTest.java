package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.AgentException;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AgentRoutersTest {

  private static final List<String> MOCKS = List.of("mock-fast", "mock-balanced", "mock-strong");

  @Test
  void create_registrySpecWithoutFile_makesALearningRouterThatSavesItsPolicy(@TempDir Path dir) {
    Path file = dir.resolve("policy.json");
    AgentRouters.Handle h = AgentRouters.create("rl.TabularQ", MOCKS, file);
    assertTrue(h.learns());
    RouteDecision d = h.router().choose(RouteContext.first(RouteContext.Difficulty.EASY));
    assertTrue(MOCKS.contains(d.backend()));
    h.router().feedback(d, new Outcome(1, 0.5, 0, true, false, null));
    h.saver().save();
    assertTrue(Files.exists(file));
    AgentRouters.Handle again = AgentRouters.create("rl.TabularQ", MOCKS, file);
    assertTrue(again.learns());
  }

  @Test
  void create_policyTrainedForOtherBackends_isAClearError(@TempDir Path dir) {
    Path file = dir.resolve("policy.json");
    AgentRouters.create("rl.TabularQ", List.of("fast", "balanced", "strong"), file).saver().save();
    AgentException e = assertThrows(AgentException.class, () -> AgentRouters.create("rl.TabularQ", MOCKS, file));
    assertTrue(e.getMessage().contains("[fast, balanced, strong]") && e.getMessage().contains("mock-tiers"), e.getMessage());
    AgentException other = assertThrows(AgentException.class,
        () -> AgentRouters.create("bandit.Ucb1", List.of("fast", "balanced", "strong"), file));
    assertTrue(other.getMessage().contains("rl.TabularQ"), other.getMessage());
  }

  @Test
  void create_unknownSpec_listsTheChoices() {
    AgentException e = assertThrows(AgentException.class, () -> AgentRouters.create("rl.Sarsa", MOCKS, null));
    assertTrue(e.getMessage().contains("rl.TabularQ") && e.getMessage().contains("round-robin"), e.getMessage());
  }

  @Test
  void create_roundRobin_doesNotLearn() {
    AgentRouters.Handle h = AgentRouters.create("round-robin", MOCKS, null);
    assertFalse(h.learns());
    assertEquals("mock-fast", h.router().choose(RouteContext.first(RouteContext.Difficulty.HARD)).backend());
  }
}
