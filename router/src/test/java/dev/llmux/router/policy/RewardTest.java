package dev.llmux.router.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmux.engine.Price;
import org.junit.jupiter.api.Test;

final class RewardTest {

  @Test
  void of_outcome_isSuccessMinusLatencyAndCostPenalties() {
    Reward reward = new Reward(0.02, 10);
    Outcome outcome = new Outcome(1, 12.5, 0.0075, true, false, null);
    assertEquals(1 - 0.02 * 12.5 - 10 * 0.0075, reward.of(outcome), 1e-12);
  }

  @Test
  void of_failedFreeStep_isOnlyTheLatencyPenalty() {
    assertEquals(-0.3, new Reward(0.1, 5).of(0, 3, 0), 1e-12);
  }

  @Test
  void constructor_negativeOrInfiniteWeights_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Reward(-0.1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Reward(0.1, Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new Reward(Double.NaN, 1));
  }

  @Test
  void pricing_cost_usesPricesPerMillionTokens() {
    Price p = Price.perMillionTokens(3, 15);
    assertEquals((1000 * 3 + 300 * 15) / 1e6, p.cost(1000, 300), 1e-15);
    assertEquals(0, Price.FREE.cost(123456, 7890));
  }
}
