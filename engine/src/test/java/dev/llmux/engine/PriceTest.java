package dev.llmux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class PriceTest {

  @Test
  void cost_perMillionTokens_chargesPromptAndCompletionApart() {
    Price p = Price.perMillionTokens(3, 15);
    assertEquals(3.0 * 1000 / 1e6 + 15.0 * 200 / 1e6, p.cost(new Usage(1000, 200)), 1e-12);
  }

  @Test
  void cost_perCall_addsTheFixedPartToTokens() {
    assertEquals(0.02, Price.perCall(0.02).cost(new Usage(123456, 789)), 1e-12);
    assertEquals(0.5 + 2e-6, new Price(1, 1, 0.5).cost(1, 1), 1e-12);
  }

  @Test
  void free_isZeroInEveryPart() {
    assertTrue(Price.FREE.free());
    assertEquals(0, Price.FREE.cost(123456, 7890));
    assertFalse(Price.perCall(0.01).free());
  }

  @Test
  void constructor_negativeOrInfinite_isAConfigErrorNamingThePart() {
    ConfigException e = assertThrows(ConfigException.class, () -> Price.perMillionTokens(-1, 0));
    assertTrue(e.getMessage().contains("inputPerMillion"), e.getMessage());
    assertThrows(ConfigException.class, () -> Price.perCall(Double.POSITIVE_INFINITY));
    assertThrows(ConfigException.class, () -> Price.perMillionTokens(0, Double.NaN));
  }

  @Test
  void tokens_estimate_isFourCharactersAToken() {
    assertEquals(3, Tokens.estimate("abcdefghijkl"));
    assertEquals(2, Tokens.estimate(java.util.List.of(Message.user("abcd"), Message.assistant("efgh"))));
  }
}
