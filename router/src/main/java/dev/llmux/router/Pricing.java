package dev.llmux.router;

import dev.llmux.engine.Usage;

/**
 * What a backend charges per token, in the provider's currency (US dollars for the presets).
 *
 * @param inputPerMillion price of a million prompt tokens
 * @param outputPerMillion price of a million completion tokens
 */
public record Pricing(double inputPerMillion, double outputPerMillion) {

  /** A local model: no charge. */
  public static final Pricing FREE = new Pricing(0, 0);

  /** Checks that both prices are finite and not negative. */
  public Pricing {
    if (!(inputPerMillion >= 0 && Double.isFinite(inputPerMillion))) {
      throw new IllegalArgumentException("inputPerMillion is " + inputPerMillion + ": use 0 or more");
    }
    if (!(outputPerMillion >= 0 && Double.isFinite(outputPerMillion))) {
      throw new IllegalArgumentException("outputPerMillion is " + outputPerMillion + ": use 0 or more");
    }
  }

  /** The price of a request with these token counts. */
  public double cost(int promptTokens, int completionTokens) {
    return (promptTokens * inputPerMillion + completionTokens * outputPerMillion) / 1e6;
  }

  /** The price of a request's usage. */
  public double cost(Usage usage) {
    return cost(usage.promptTokens(), usage.completionTokens());
  }
}
