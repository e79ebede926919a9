package dev.llmux.router.policy;


/**
 * The reward of one step: {@code success - lambda * latency seconds - mu * cost}. With the
 * defaults a step that passes in 10 s on a local model is worth {@code 1 - 0.1 = 0.9}, and one that
 * costs a cent on a provider loses another {@code 0.1}.
 *
 * @param lambda reward lost per second of latency, 0 or more
 * @param mu reward lost per unit of money (the providers' currency, US dollars in the presets), 0
 *     or more
 */
public record Reward(double lambda, double mu) {

  /** Checks that both weights are finite and not negative. */
  public Reward {
    if (!(lambda >= 0 && Double.isFinite(lambda))) {
      throw new IllegalArgumentException("lambda is " + lambda + ": use a finite number, 0 or more");
    }
    if (!(mu >= 0 && Double.isFinite(mu))) {
      throw new IllegalArgumentException("mu is " + mu + ": use a finite number, 0 or more");
    }
  }

  /** The reward of an outcome. */
  public double of(Outcome outcome) {
    return of(outcome.success(), outcome.latencySeconds(), outcome.cost());
  }

  /** The reward of a step with this success, latency and cost. */
  public double of(double success, double latencySeconds, double cost) {
    return success - lambda * latencySeconds - mu * cost;
  }

  /** The formula with its weights, for reports. */
  @Override
  public String toString() {
    return "success - " + lambda + " x latency s - " + mu + " x cost";
  }
}
