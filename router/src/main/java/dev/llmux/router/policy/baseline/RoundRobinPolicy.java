package dev.llmux.router.policy.baseline;

import dev.llmux.router.policy.DecisionCache;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.NonLearningPolicy;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;

/**
 * The backends in turn, {@code baseline.RoundRobin}: each choice takes the next available backend
 * in the router's order after the one chosen last, skipping those that are unavailable or excluded,
 * and wraps around at the end. Deterministic, so every decision has probability 1; it learns
 * nothing. Also spelt {@code round-robin}.
 */
public final class RoundRobinPolicy extends NonLearningPolicy {

  /** The policy's registry name. */
  public static final String NAME = "baseline.RoundRobin";

  private final int backends;
  private final DecisionCache decisions;
  private int next;

  /** A round robin that starts at the first backend. */
  public RoundRobinPolicy(PolicyContext context) {
    this.backends = context.backends().size();
    this.decisions = new DecisionCache(context.backends(), 1);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RouteDecision choose(RouteContext context, int state, int available) {
    for (int k = 0; k < backends; k++) {
      int action = (next + k) % backends;
      if (Masks.has(available, action)) {
        next = (action + 1) % backends;
        return decisions.get(state, action, 0, "round-robin", 1.0);
      }
    }
    throw new IllegalArgumentException("no backend is available: the mask is " + Integer.toBinaryString(available));
  }
}
