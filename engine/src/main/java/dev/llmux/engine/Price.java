package dev.llmux.engine;

/**
 * What a backend charges: dollars per million prompt tokens, per million completion tokens, and a
 * fixed amount per call. The one price type of llmux: the catalog, HTTP backends, the router's
 * cost term and the agent's trajectories all use it.
 *
 * @param inputPerMillion dollars per million prompt tokens, 0 or more
 * @param outputPerMillion dollars per million completion tokens, 0 or more
 * @param perCall dollars per call whatever its size, 0 or more (scripted backends charge this way)
 */
public record Price(double inputPerMillion, double outputPerMillion, double perCall) {

  /** Nothing: local models. */
  public static final Price FREE = new Price(0, 0, 0);

  /**
   * Checks that every part is finite and not negative.
   *
   * @throws ConfigException otherwise
   */
  public Price {
    check("inputPerMillion", inputPerMillion);
    check("outputPerMillion", outputPerMillion);
    check("perCall", perCall);
  }

  /** A price per million prompt and completion tokens. */
  public static Price perMillionTokens(double inputPerMillion, double outputPerMillion) {
    return new Price(inputPerMillion, outputPerMillion, 0);
  }

  /** A fixed price per call. */
  public static Price perCall(double dollars) {
    return new Price(0, 0, dollars);
  }

  /** The cost of a call with these token counts, in dollars. */
  public double cost(int promptTokens, int completionTokens) {
    return perCall + (promptTokens * inputPerMillion + completionTokens * outputPerMillion) / 1e6;
  }

  /** The cost of a call with this usage, in dollars. */
  public double cost(Usage usage) {
    return cost(usage.promptTokens(), usage.completionTokens());
  }

  /** Whether this price is zero in every part. */
  public boolean free() {
    return inputPerMillion == 0 && outputPerMillion == 0 && perCall == 0;
  }

  private static void check(String what, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new ConfigException("price " + what + " is " + v + ": use a finite value of 0 or more");
    }
  }
}
