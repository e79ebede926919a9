package dev.llmux.agent;

import dev.llmux.engine.Usage;
import java.util.Map;

/** The money one model call costs, by backend. */
@FunctionalInterface
public interface CostModel {

  /** Every call is free (local models). */
  CostModel FREE = (backend, usage) -> 0;

  /** The cost in dollars of one call of {@code backend} that used {@code usage}. */
  double cost(String backend, Usage usage);

  /** A fixed price per call for each named backend; others are free. */
  static CostModel perCall(Map<String, Double> prices) {
    Map<String, Double> copy = Map.copyOf(prices);
    return (backend, usage) -> copy.getOrDefault(backend, 0.0);
  }

  /** Prices in dollars per million prompt and completion tokens; backends not named are free. */
  static CostModel perMillionTokens(Map<String, double[]> inputOutputPrices) {
    Map<String, double[]> copy = Map.copyOf(inputOutputPrices);
    return (backend, usage) -> {
      double[] p = copy.get(backend);
      return p == null ? 0 : (usage.promptTokens() * p[0] + usage.completionTokens() * p[1]) / 1e6;
    };
  }
}
