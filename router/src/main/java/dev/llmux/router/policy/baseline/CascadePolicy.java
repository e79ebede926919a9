package dev.llmux.router.policy.baseline;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.policy.DecisionCache;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.NonLearningPolicy;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import java.util.ArrayList;
import java.util.List;

/**
 * Cheapest first, one rung up the ladder after each failed attempt, {@code baseline.Cascade} (the
 * "LLM cascade" of FrugalGPT: L. Chen, M. Zaharia, J. Zou, 2023). Attempt {@code k} goes to rung
 * {@code k}, the last rung serving every later attempt; an unavailable rung is skipped upwards,
 * then downwards. The ladder is every backend in the router's order (cheapest first by
 * convention), or the comma-separated list given as argument: {@code
 * baseline.Cascade(qwen-7b,qwen-32b,cloud)}.
 */
public final class CascadePolicy extends NonLearningPolicy {

  /** The policy's registry name, without its argument. */
  public static final String NAME = "baseline.Cascade";

  private final int[] ladder;
  private final String name;
  private final DecisionCache decisions;

  /**
   * A cascade over {@code argument}'s backends, or over all backends when it is empty.
   *
   * @throws ConfigException when the argument names an unknown backend
   */
  public CascadePolicy(PolicyContext context, String argument) {
    List<Integer> rungs = new ArrayList<>();
    if (argument.isBlank()) {
      for (int i = 0; i < context.backends().size(); i++) {
        rungs.add(i);
      }
      this.name = NAME;
    } else {
      for (String part : argument.split(",")) {
        int index = context.indexOf(part.trim());
        if (index < 0) {
          throw new ConfigException(NAME + "(" + argument + "): no backend is called '" + part.trim()
              + "'; the backends are " + context.backends());
        }
        rungs.add(index);
      }
      this.name = NAME + "(" + argument + ")";
    }
    this.ladder = rungs.stream().mapToInt(Integer::intValue).toArray();
    this.decisions = new DecisionCache(context.backends(), 4);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RouteDecision choose(RouteContext context, int state, int available) {
    int rung = Math.min(context.attempt(), ladder.length - 1);
    for (int r = rung; r < ladder.length; r++) {
      if (Masks.has(available, ladder[r])) {
        return decisions.get(state, ladder[r], r == rung ? 0 : 1, r == rung ? "rung" : "rung up", 1.0);
      }
    }
    for (int r = rung - 1; r >= 0; r--) {
      if (Masks.has(available, ladder[r])) {
        return decisions.get(state, ladder[r], 2, "rung down", 1.0);
      }
    }
    return decisions.get(state, Masks.first(available), 3, "off the ladder", 1.0);
  }
}
