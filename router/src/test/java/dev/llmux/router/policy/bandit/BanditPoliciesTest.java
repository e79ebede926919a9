package dev.llmux.router.policy.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.Inspectable;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.policy.Transition;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class BanditPoliciesTest {

  private static final List<String> BACKENDS = List.of("a", "b", "c");
  private static final PolicyContext CONTEXT = PolicyContext.of(BACKENDS, RouterSettings.defaults(), 11);
  private static final RouteContext CTX = RouteContext.first(Difficulty.EASY);
  private static final int STATE = new StateSpace(3).state(StateSpace.request(CTX), 0);
  /** True mean rewards of a, b, c. */
  private static final double[] MEANS = {0.2, 0.6, 0.4};

  private static void play(RoutingPolicy p, int rounds, SplittableRandom random) {
    for (int i = 0; i < rounds; i++) {
      RouteDecision d = p.choose(CTX, STATE, 0b111);
      int a = BACKENDS.indexOf(d.backend());
      double r = MEANS[a] + 0.3 * random.nextGaussian();
      p.feedback(new Transition(d, a, new Outcome(r, 0, 0, true, false, null), r, Transition.TERMINAL, 0));
    }
  }

  @Test
  void ucb1_triesEveryBackendOnceBeforeScoring() {
    Ucb1Policy p = new Ucb1Policy(CONTEXT);
    for (String expected : BACKENDS) {
      RouteDecision d = p.choose(CTX, STATE, 0b111);
      assertEquals(expected, d.backend());
      assertEquals("untried", d.reason());
      int a = BACKENDS.indexOf(d.backend());
      p.feedback(new Transition(d, a, new Outcome(0, 0, 0, true, false, null), 0, Transition.TERMINAL, 0));
    }
    assertEquals("ucb", p.choose(CTX, STATE, 0b111).reason());
  }

  @Test
  void ucb1_learnsTheBestBackendAndPlaysItMost() {
    Ucb1Policy p = new Ucb1Policy(CONTEXT);
    play(p, 3000, new SplittableRandom(1));
    assertTrue(p.experience(STATE, 1) > 2000, "b pulled " + p.experience(STATE, 1) + " times");
    p.freeze();
    assertEquals("b", p.choose(CTX, STATE, 0b111).backend());
    assertEquals(0.6, p.value(STATE, 1), 0.05);
    p.check();
  }

  @Test
  void thompson_learnsTheBestBackendAndReportsAProbability() {
    ThompsonPolicy p = new ThompsonPolicy(CONTEXT);
    play(p, 3000, new SplittableRandom(2));
    assertTrue(p.experience(STATE, 1) > 2000, "b pulled " + p.experience(STATE, 1) + " times");
    RouteDecision d = p.choose(CTX, STATE, 0b111);
    assertTrue(d.probability() > 0 && d.probability() <= 1);
    p.freeze();
    assertEquals("b", p.choose(CTX, STATE, 0b111).backend());
    p.check();
  }

  @Test
  void bandits_backendFailure_teachNothing() {
    for (RoutingPolicy p : List.of(new Ucb1Policy(CONTEXT), new ThompsonPolicy(CONTEXT))) {
      Inspectable inspectable = (Inspectable) p;
      RouteDecision d = new RouteDecision("a", STATE, "t", 1);
      p.feedback(new Transition(d, 0, new Outcome(0, 9, 0, true, true, null), -1, Transition.TERMINAL, 0));
      assertEquals(0, inspectable.experience(STATE, 0), p.name());
    }
  }
}
