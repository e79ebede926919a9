package dev.llmux.router.policy.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.policy.Transition;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TabularQPolicyTest {

  private static final List<String> BACKENDS = List.of("cheap", "strong");
  private static final StateSpace SPACE = new StateSpace(2);
  private static final RouteContext FIRST = new RouteContext(Difficulty.HARD, 0, LastOutcome.NONE, 100);
  private static final RouteContext SECOND = new RouteContext(Difficulty.HARD, 1, LastOutcome.TESTS_FAILED, 600);
  private static final int S0 = SPACE.state(StateSpace.request(FIRST), 0);
  private static final int S1 = SPACE.state(StateSpace.request(SECOND), 0);

  private static TabularQPolicy policy(double alpha, double gamma, double epsilon, double epsilonMin, double decay) {
    return policy(alpha, gamma, epsilon, epsilonMin, decay, 0);
  }

  private static TabularQPolicy policy(
      double alpha, double gamma, double epsilon, double epsilonMin, double decay, double initial) {
    RouterSettings d = RouterSettings.defaults();
    RouterSettings s = new RouterSettings(d.reward(),
        new RouterSettings.TabularQ(alpha, gamma, epsilon, epsilonMin, decay, initial),
        d.ucb1(), d.thompson(), d.regimes(), d.training());
    return new TabularQPolicy(PolicyContext.of(BACKENDS, s, 7));
  }

  private static Transition step(int state, int action, double reward, boolean terminal, int next, int nextAvailable) {
    RouteDecision d = new RouteDecision(BACKENDS.get(action), state, "test", 1);
    Outcome o = new Outcome(reward, 0, 0, terminal, false, terminal ? null : SECOND);
    return new Transition(d, action, o, reward, terminal ? Transition.TERMINAL : next, nextAvailable);
  }

  @Test
  void feedback_bootstrapsOnTheBestAvailableActionOfTheNextState() {
    TabularQPolicy q = policy(0.5, 0.9, 0, 0, 1);
    q.feedback(step(S1, 1, 0.7, true, 0, 0));
    assertEquals(0.7, q.value(S1, 1), 1e-12, "first visit: learning rate 1");
    q.feedback(step(S0, 0, -0.1, false, S1, 0b11));
    assertEquals(-0.1 + 0.9 * 0.7, q.value(S0, 0), 1e-12);
    q.feedback(step(S0, 0, -0.1, false, S1, 0b01));
    double target = -0.1 + 0.9 * 0.0;
    assertEquals(0.53 + 0.5 * (target - 0.53), q.value(S0, 0), 1e-12, "only 'cheap' available next: its value is 0");
    assertEquals(3, q.updates());
    q.check();
  }

  @Test
  void feedback_backendFailure_teachesNothing() {
    TabularQPolicy q = policy(0.5, 1, 0, 0, 1);
    q.feedback(step(S0, 1, 0.8, true, 0, 0));
    RouteDecision d = new RouteDecision("strong", S0, "test", 1);
    q.feedback(new Transition(d, 1, new Outcome(0, 30, 0, false, true, null), -0.6, Transition.TERMINAL, 0));
    assertEquals(0.8, q.value(S0, 1), 1e-12);
    assertEquals(1, q.experience(S0, 1));
    assertEquals(1, q.ignored());
  }

  @Test
  void feedback_frozen_teachesNothing() {
    TabularQPolicy q = policy(0.5, 1, 0, 0, 1);
    q.freeze();
    q.feedback(step(S0, 1, 0.8, true, 0, 0));
    assertEquals(0, q.value(S0, 1));
  }

  @Test
  void choose_greedy_prefersTheHigherValueAndTiesGoToTheLowerIndex() {
    TabularQPolicy q = policy(0.5, 1, 0, 0, 1);
    assertEquals("cheap", q.choose(FIRST, S0, 0b11).backend(), "tie at 0");
    q.feedback(step(S0, 1, 0.8, true, 0, 0));
    RouteDecision d = q.choose(FIRST, S0, 0b11);
    assertEquals("strong", d.backend());
    assertEquals(1.0, d.probability());
    assertEquals("greedy", d.reason());
    assertEquals("cheap", q.choose(FIRST, S0, 0b01).backend(), "strong unavailable");
  }

  @Test
  void choose_exploring_reportsTheEpsilonGreedyProbabilities() {
    TabularQPolicy q = policy(0.5, 1, 0.2, 0.2, 1);
    q.feedback(step(S0, 1, 0.8, true, 0, 0));
    int cheap = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      RouteDecision d = q.choose(FIRST, S0, 0b11);
      if (d.backend().equals("cheap")) {
        cheap++;
        assertEquals(0.1, d.probability(), 1e-12);
      } else {
        assertEquals(0.9, d.probability(), 1e-12);
      }
    }
    assertEquals(0.1, cheap / (double) n, 0.01);
  }

  @Test
  void feedback_terminal_decaysEpsilonPerEpisodeToItsFloor() {
    TabularQPolicy q = policy(0.5, 1, 0.4, 0.05, 0.5);
    q.feedback(step(S0, 0, 1, true, 0, 0));
    assertEquals(0.2, q.epsilon(), 1e-12);
    q.feedback(step(S0, 0, 1, true, 0, 0));
    assertEquals(0.1, q.epsilon(), 1e-12);
    q.feedback(step(S0, 0, 1, true, 0, 0));
    q.feedback(step(S0, 0, 1, true, 0, 0));
    assertEquals(0.05, q.epsilon(), 1e-12);
  }

  @Test
  void choose_optimisticStart_triesEachBackendBeforeSettling() {
    TabularQPolicy q = policy(0.5, 1, 0, 0, 1, 1.0);
    RouteDecision first = q.choose(FIRST, S0, 0b11);
    assertEquals("cheap", first.backend());
    q.feedback(step(S0, 0, 0.9, true, 0, 0));
    assertEquals("strong", q.choose(FIRST, S0, 0b11).backend(), "untried strong still looks worth 1");
    q.feedback(step(S0, 1, 0.5, true, 0, 0));
    assertEquals("cheap", q.choose(FIRST, S0, 0b11).backend());
  }

  @Test
  void value_untriedSlowEntry_takesTheNormalEntrysValue() {
    TabularQPolicy q = policy(0.5, 1, 0, 0, 1, 1.0);
    q.feedback(step(S0, 1, 0.3, true, 0, 0));
    int strongSlow = SPACE.state(StateSpace.request(FIRST), 0b10);
    assertEquals(0.3, q.value(strongSlow, 1), 1e-12);
    q.feedback(step(strongSlow, 1, -0.4, true, 0, 0));
    assertEquals(-0.4, q.value(strongSlow, 1), 1e-12);
    assertEquals(0.3, q.value(S0, 1), 1e-12);
  }

  @Test
  void choose_sameStateAndProbability_returnsTheSameDecisionObject() {
    TabularQPolicy q = policy(0.5, 1, 0, 0, 1);
    assertSame(q.choose(FIRST, S0, 0b11), q.choose(FIRST, S0, 0b11));
  }

  @Test
  void choose_slowBackend_usesItsSlowRegimeEntry() {
    TabularQPolicy q = policy(0.5, 1, 0, 0, 1);
    q.feedback(step(S0, 1, 0.8, true, 0, 0));
    int strongSlow = SPACE.state(StateSpace.request(FIRST), 0b10);
    q.feedback(step(strongSlow, 1, -0.5, true, 0, 0));
    assertEquals("strong", q.choose(FIRST, S0, 0b11).backend());
    assertEquals("cheap", q.choose(FIRST, strongSlow, 0b11).backend());
    int cheapSlow = SPACE.state(StateSpace.request(FIRST), 0b01);
    assertEquals("strong", q.choose(FIRST, cheapSlow, 0b11).backend(), "another backend's regime does not matter");
    assertTrue(q.value(cheapSlow, 1) > 0);
  }
}
