package dev.llmux.router;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.BackendStats;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.policy.rl.TabularQPolicy;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Counts the bytes a thread allocates while choosing (com.sun.management.ThreadMXBean), after a
 * warm-up long enough for the JIT. This is an allocation count, not a timing.
 */
final class AllocationTest {

  private static final List<String> BACKENDS = List.of("fast", "balanced", "strong");
  private static final int CALLS = 200_000;
  /** A few objects' worth: anything per call would be megabytes. */
  private static final long BUDGET = 16 * 1024;

  private static final RouteContext[] CONTEXTS = {
    new RouteContext(Difficulty.EASY, 0, LastOutcome.NONE, 800),
    new RouteContext(Difficulty.HARD, 1, LastOutcome.TESTS_FAILED, 3000),
    new RouteContext(Difficulty.MEDIUM, 2, LastOutcome.TESTS_PARTIAL, 20000),
  };

  private Object sink;

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  private static RouterSettings fixedEpsilon(double epsilon) {
    RouterSettings d = RouterSettings.defaults();
    return new RouterSettings(d.reward(), new RouterSettings.TabularQ(0.1, 1, epsilon, epsilon, 1, 1), d.ucb1(),
        d.thompson(), d.regimes(), d.training());
  }

  @Test
  void choose_tabularQExploring_allocatesNothing() {
    RoutingPolicy q = new TabularQPolicy(PolicyContext.of(BACKENDS, fixedEpsilon(0.3), 1));
    StateSpace space = new StateSpace(3);
    int[] states = new int[CONTEXTS.length];
    for (int i = 0; i < states.length; i++) {
      states[i] = space.state(StateSpace.request(CONTEXTS[i]), i == 1 ? 0b100 : 0);
    }
    for (int i = 0; i < CALLS; i++) {
      sink = q.choose(CONTEXTS[i % 3], states[i % 3], 0b111);
    }
    long before = allocated();
    for (int i = 0; i < CALLS; i++) {
      sink = q.choose(CONTEXTS[i % 3], states[i % 3], i % 2 == 0 ? 0b111 : 0b111);
    }
    long bytes = allocated() - before;
    assertTrue(bytes < BUDGET, bytes + " bytes allocated by " + CALLS + " choices");
  }

  @Test
  void choose_linUcbWithText_allocatesNothing() {
    java.util.List<String> eight = java.util.List.of("a", "b", "c", "d", "e", "f", "g", "h");
    RoutingPolicy p = new dev.llmux.router.policy.contextual.LinUcbPolicy(
        PolicyContext.of(eight, RouterSettings.defaults(), 1));
    StateSpace space = new StateSpace(8);
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    RouteContext[] contexts = new RouteContext[64];
    int[] states = new int[contexts.length];
    for (int i = 0; i < contexts.length; i++) {
      float[] text = new float[32];
      for (int k = 0; k < text.length; k++) {
        text[k] = (float) r.nextGaussian();
      }
      contexts[i] = CONTEXTS[i % 3].withText(text);
      states[i] = space.state(StateSpace.request(contexts[i]), i % 5 == 0 ? 0b100 : 0);
    }
    for (int i = 0; i < CALLS; i++) {
      sink = p.choose(contexts[i & 63], states[i & 63], 0xff);
    }
    long before = allocated();
    for (int i = 0; i < CALLS; i++) {
      sink = p.choose(contexts[i & 63], states[i & 63], 0xff);
    }
    long bytes = allocated() - before;
    assertTrue(bytes < BUDGET, bytes + " bytes allocated by " + CALLS + " choices");
  }

  @Test
  void choose_thompsonSampling_allocatesNothing() {
    RoutingPolicy t = new dev.llmux.router.policy.bandit.ThompsonPolicy(PolicyContext.of(BACKENDS, RouterSettings.defaults(), 1));
    StateSpace space = new StateSpace(3);
    int state = space.state(StateSpace.request(CONTEXTS[1]), 0);
    for (int i = 0; i < CALLS / 4; i++) {
      sink = t.choose(CONTEXTS[1], state, 0b111);
    }
    long before = allocated();
    for (int i = 0; i < CALLS / 4; i++) {
      sink = t.choose(CONTEXTS[1], state, 0b111);
    }
    long bytes = allocated() - before;
    assertTrue(bytes < BUDGET, bytes + " bytes allocated by " + CALLS / 4 + " choices");
  }

  @Test
  void choose_policyRouterOverTabularQ_allocatesNothing() {
    BackendStats[] stats = {
      new BackendStats(0, 10, 200, 100, 0, BackendStats.Availability.AVAILABLE),
      new BackendStats(1, 10, 500, 40, 0, BackendStats.Availability.PROBING),
      new BackendStats(0, 10, 900, 20, 0, BackendStats.Availability.UNAVAILABLE),
    };
    PolicyRouter router = PolicyRouter.builder()
        .backends(BACKENDS)
        .settings(fixedEpsilon(0.2))
        .policy("rl.TabularQ")
        .stats(i -> stats[i])
        .clock(() -> 1_000_000_000L)
        .build();
    for (int i = 0; i < CALLS; i++) {
      sink = router.choose(CONTEXTS[i % 3]);
    }
    long before = allocated();
    for (int i = 0; i < CALLS; i++) {
      sink = router.choose(CONTEXTS[i % 3]);
    }
    long bytes = allocated() - before;
    assertTrue(bytes < BUDGET, bytes + " bytes allocated by " + CALLS + " routed choices");
  }
}
