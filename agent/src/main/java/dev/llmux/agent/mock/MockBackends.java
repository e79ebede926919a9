package dev.llmux.agent.mock;

import dev.llmux.agent.task.Task;
import dev.llmux.engine.Backend;
import dev.llmux.engine.Price;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds sets of mock backends. */
public final class MockBackends {

  private MockBackends() {}

  /** The three standard tiers (fast, balanced, strong) for these tasks, by name. */
  public static Map<String, Backend> standard(List<Task> tasks, long seed, double latencyScale) {
    return of(MockTier.STANDARD, tasks, seed, latencyScale);
  }

  /** One mock backend per tier, by name, in the tiers' order. */
  public static Map<String, Backend> of(List<MockTier> tiers, List<Task> tasks, long seed, double latencyScale) {
    Map<String, Task> byName = new LinkedHashMap<>();
    for (Task t : tasks) {
      byName.put(t.name(), t);
    }
    Map<String, Backend> out = new LinkedHashMap<>();
    for (MockTier tier : tiers) {
      out.put(tier.name(), new MockBackend(tier, byName, seed, latencyScale));
    }
    return out;
  }

  /** The per-call prices of the tiers, by name. */
  public static Map<String, Price> prices(List<MockTier> tiers) {
    Map<String, Price> prices = new LinkedHashMap<>();
    for (MockTier t : tiers) {
      prices.put(t.name(), t.price());
    }
    return prices;
  }

  /**
   * [MOCK] The scripted backends of the workflow roles, by role, each role's backends by name: a
   * reviewer on the fast and on the strong tier (they find planted bugs with the tier's
   * probability), a tester that replays the task's own tests and a planner of fixed plans.
   */
  public static Map<String, Map<String, Backend>> roles(List<Task> tasks, long seed, double latencyScale) {
    Map<String, Task> byName = new LinkedHashMap<>();
    for (Task t : tasks) {
      byName.put(t.name(), t);
    }
    Map<String, Map<String, Backend>> out = new LinkedHashMap<>();
    Map<String, Backend> reviewers = new LinkedHashMap<>();
    for (MockTier tier : List.of(MockTier.FAST, MockTier.STRONG)) {
      String name = tier.name().replace("mock-", "mock-reviewer-");
      reviewers.put(name, new MockRole(name, MockRole.Kind.REVIEWER, tier, byName, seed, latencyScale));
    }
    out.put("reviewer", reviewers);
    out.put("tester", Map.of("mock-tester",
        new MockRole("mock-tester", MockRole.Kind.TESTER, MockTier.FAST, byName, seed, latencyScale)));
    out.put("planner", Map.of("mock-planner",
        new MockRole("mock-planner", MockRole.Kind.PLANNER, MockTier.BALANCED, byName, seed, latencyScale)));
    out.put("supervisor", Map.of("mock-supervisor",
        new MockRole("mock-supervisor", MockRole.Kind.SUPERVISOR, MockTier.FAST, byName, seed, latencyScale)));
    out.put("research", Map.of("mock-research",
        new MockRole("mock-research", MockRole.Kind.RESEARCH, MockTier.STRONG, byName, seed, latencyScale)));
    return out;
  }
}
