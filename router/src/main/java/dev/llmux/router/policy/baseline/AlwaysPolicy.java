package dev.llmux.router.policy.baseline;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.policy.DecisionCache;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.NonLearningPolicy;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;

/**
 * Always the same backend, {@code baseline.Always(<backend>)}; while that backend is unavailable,
 * the first available one in the router's order (the cheapest by convention).
 */
public final class AlwaysPolicy extends NonLearningPolicy {

  /** The policy's registry name, without its argument. */
  public static final String NAME = "baseline.Always";

  private final int target;
  private final String name;
  private final String fallbackReason;
  private final DecisionCache decisions;

  /**
   * Always {@code backend}.
   *
   * @throws ConfigException when no backend has that name
   */
  public AlwaysPolicy(PolicyContext context, String backend) {
    this.target = context.indexOf(backend);
    if (target < 0) {
      throw new ConfigException(NAME + "(" + backend + "): no backend is called '" + backend
          + "'; the backends are " + context.backends());
    }
    this.name = NAME + "(" + backend + ")";
    this.fallbackReason = "fallback: " + backend + " unavailable";
    this.decisions = new DecisionCache(context.backends(), 2);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RouteDecision choose(RouteContext context, int state, int available) {
    if (Masks.has(available, target)) {
      return decisions.get(state, target, 0, "always", 1.0);
    }
    return decisions.get(state, Masks.first(available), 1, fallbackReason, 1.0);
  }
}
