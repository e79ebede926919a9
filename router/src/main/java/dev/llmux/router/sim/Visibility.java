package dev.llmux.router.sim;

/**
 * What the router is shown of each simulated task's difficulty.
 *
 * <p>In every mode each episode draws the same numbers, so runs of one seed in different modes
 * have the same tasks, answers and timings: only what the router sees differs.
 */
public enum Visibility {
  /**
   * As the scenario's workload says: told with probability {@code difficultyVisible}, otherwise
   * the difficulty estimated from a real prompt of that difficulty (the feature pool; {@code
   * UNKNOWN} when the estimate is unsure). The default, and what training uses.
   */
  SCENARIO,
  /** Always told the true difficulty. */
  TOLD,
  /** Always the estimate from a real prompt of the drawn difficulty. */
  ESTIMATED,
  /** Never told: always {@code UNKNOWN}. */
  BLIND
}
