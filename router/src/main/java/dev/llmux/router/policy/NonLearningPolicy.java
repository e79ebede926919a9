package dev.llmux.router.policy;

/**
 * A policy whose choices follow fixed rules and never learn from outcomes (the baselines, the
 * oracle): feedback is ignored, and freezing only records that it was asked for.
 */
public abstract class NonLearningPolicy implements RoutingPolicy {

  private volatile boolean frozen;

  /** For subclasses. */
  protected NonLearningPolicy() {}

  /** Ignores the outcome: this policy does not learn. */
  @Override
  public final void feedback(Transition transition) {}

  @Override
  public final void freeze() {
    frozen = true;
  }

  @Override
  public final boolean frozen() {
    return frozen;
  }
}
