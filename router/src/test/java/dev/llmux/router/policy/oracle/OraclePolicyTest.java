package dev.llmux.router.policy.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.policy.GroundTruth;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.StateSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OraclePolicyTest {

  /**
   * Two backends, two attempts, no partial passes: small passes 0.5 at each attempt in 1 s for
   * free; big passes 0.9 at each attempt in 1 s for 0.05. Hand-computed with lambda 0.1, mu 1:
   * attempt 1 (last): small 0.5 - 0.1 = 0.4, big 0.9 - 0.1 - 0.05 = 0.75, so V1 = 0.75.
   * Attempt 0: small 0.5 + 0.5 * 0.75 - 0.1 = 0.775; big 0.9 + 0.1 * 0.75 - 0.15 = 0.825.
   */
  private static final class TwoBackends implements GroundTruth {
    double bigFailure;

    @Override public int maxAttempts() { return 2; }
    @Override public double passProbability(int b, Difficulty d, int attempt, LastOutcome last) { return b == 0 ? 0.5 : 0.9; }
    @Override public double partialShare() { return 0; }
    @Override public double difficultyShare(Difficulty d) { return d == Difficulty.EASY ? 1 : 0; }
    @Override public double expectedLatencySeconds(int b, int promptTokens) { return 1; }
    @Override public double expectedCost(int b, int promptTokens) { return b == 0 ? 0 : 0.05; }
    @Override public double failureProbability(int b) { return b == 1 ? bigFailure : 0; }
    @Override public double failureSeconds(int b) { return 2; }
    @Override public int nextPromptTokens(int promptTokens) { return promptTokens; }
    @Override public Reward reward() { return new Reward(0.1, 1); }
  }

  private static OraclePolicy oracle(GroundTruth truth) {
    List<String> names = List.of("small", "big");
    return new OraclePolicy(new PolicyContext(names, new StateSpace(2), RouterSettings.defaults(), 1, truth));
  }

  @Test
  void actionValues_matchTheHandComputedBackwardInduction() {
    OraclePolicy o = oracle(new TwoBackends());
    double[] v = new double[2];
    o.actionValues(RouteContext.first(Difficulty.EASY), 0b11, v);
    assertEquals(0.775, v[0], 1e-12);
    assertEquals(0.825, v[1], 1e-12);
    assertEquals("big", o.choose(RouteContext.first(Difficulty.EASY), 0, 0b11).backend());
    o.actionValues(new RouteContext(Difficulty.EASY, 1, LastOutcome.TESTS_FAILED, 0), 0b11, v);
    assertEquals(0.4, v[0], 1e-12);
    assertEquals(0.75, v[1], 1e-12);
  }

  @Test
  void actionValues_failingBackend_isWorthItsWastedTimeAndTheFallback() {
    TwoBackends truth = new TwoBackends();
    truth.bigFailure = 1;
    double[] v = new double[2];
    oracle(truth).actionValues(RouteContext.first(Difficulty.EASY), 0b11, v);
    // small's own value: 0.5 + 0.5 * V1 - 0.1 with V1 = 0.4 (big always fails, so small at the
    // last attempt is 0.4 and big there is 0.4 - 0.2) = 0.6; big's: fallback to small minus 2 s.
    assertEquals(0.6, v[0], 1e-12);
    assertEquals(0.6 - 0.2, v[1], 1e-12);
  }

  @Test
  void constructor_withoutGroundTruth_isAConfigError() {
    assertThrows(ConfigException.class,
        () -> new OraclePolicy(PolicyContext.of(List.of("a"), RouterSettings.defaults(), 1)));
  }
}
