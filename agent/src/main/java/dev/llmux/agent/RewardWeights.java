package dev.llmux.agent;

/**
 * Weights of the scalar reward logged with each step: {@code success - lambda * latencySeconds -
 * mu * cost}. The router computes its own reward from the {@link dev.llmux.router.policy.Outcome}; this
 * value is for trajectories and fine-tuning data.
 *
 * @param lambda reward lost per second of latency (default 0.01)
 * @param mu reward lost per dollar (default 1.0)
 */
public record RewardWeights(double lambda, double mu) {

  /** The defaults. */
  public static final RewardWeights DEFAULT = new RewardWeights(0.01, 1.0);

  /** The scalar reward of a step. */
  public double reward(double success, double latencySeconds, double cost) {
    return success - lambda * latencySeconds - mu * cost;
  }
}
