package dev.llmux.router.eval;

/**
 * One frozen policy on the same evaluation episodes three times: told each task's difficulty,
 * shown the difficulty estimated from a real prompt of that difficulty, and told nothing.
 *
 * @param policy the policy's label
 * @param toldReward mean reward per episode, difficulty told
 * @param estimatedReward mean reward, difficulty estimated from text
 * @param blindReward mean reward, difficulty always UNKNOWN
 * @param toldSuccess share solved, told
 * @param estimatedSuccess share solved, estimated
 * @param blindSuccess share solved, blind
 */
public record VisibilityResult(String policy, double toldReward, double estimatedReward, double blindReward,
    double toldSuccess, double estimatedSuccess, double blindSuccess) {

  /**
   * The share of the told-vs-blind reward gap that the estimate recovers: 1 as good as told, 0
   * no better than blind; NaN when telling the difficulty is worth less than 0.005 reward (no gap
   * to recover).
   */
  public double recovered() {
    double gap = toldReward - blindReward;
    return gap < 0.005 ? Double.NaN : (estimatedReward - blindReward) / gap;
  }
}
