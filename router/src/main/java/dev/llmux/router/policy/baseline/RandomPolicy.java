package dev.llmux.router.policy.baseline;

import dev.llmux.router.policy.DecisionCache;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.NonLearningPolicy;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import java.util.SplittableRandom;

/** A uniformly random available backend, {@code baseline.Random}: each with probability 1/k. */
public final class RandomPolicy extends NonLearningPolicy {

  /** The policy's registry name. */
  public static final String NAME = "baseline.Random";

  private final SplittableRandom random;
  private final DecisionCache decisions;

  /** A random policy seeded from the context. */
  public RandomPolicy(PolicyContext context) {
    this.random = new SplittableRandom(context.seed());
    this.decisions = new DecisionCache(context.backends(), 1);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RouteDecision choose(RouteContext context, int state, int available) {
    int count = Masks.count(available);
    int action = Masks.nth(available, random.nextInt(count));
    return decisions.get(state, action, 0, "random", 1.0 / count);
  }
}
