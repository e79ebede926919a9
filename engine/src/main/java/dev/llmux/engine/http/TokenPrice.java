package dev.llmux.engine.http;

import dev.llmux.engine.ConfigException;
import dev.llmux.engine.Usage;

/**
 * What a provider charges, in any one currency, per million tokens; the router turns it into cost.
 *
 * @param inputPerMillion the price of a million prompt tokens
 * @param outputPerMillion the price of a million completion tokens
 */
public record TokenPrice(double inputPerMillion, double outputPerMillion) {

  /** Free (local servers). */
  public static final TokenPrice FREE = new TokenPrice(0, 0);

  /** Checks that both prices are finite and not negative. */
  public TokenPrice {
    if (!(inputPerMillion >= 0 && outputPerMillion >= 0)
        || Double.isInfinite(inputPerMillion) || Double.isInfinite(outputPerMillion)) {
      throw new ConfigException("price is " + inputPerMillion + "/" + outputPerMillion
          + " per million tokens: use finite values of 0 or more");
    }
  }

  /** The cost of one request's usage. */
  public double cost(Usage usage) {
    return (usage.promptTokens() * inputPerMillion + usage.completionTokens() * outputPerMillion) / 1e6;
  }
}
