package dev.llmux.router.sim;

import dev.llmux.router.sim.Scenario.ByDifficulty;

/**
 * Spreads a benchmark's aggregate pass rates over difficulty classes with a one-parameter
 * logistic (Rasch) model: a model of ability {@code theta} passes a task of difficulty {@code b}
 * with probability {@code 1 / (1 + exp(b - theta))} (G. Rasch, 1960; the 1PL model of item
 * response theory).
 *
 * <p>First tries: {@code theta1} is solved so that the mix-weighted pass rate equals the published
 * first-try rate. Retries: the published rate within two tries gives the share of first-try
 * failures solved on the retry, {@code (p2 - p1) / (1 - p1)}; {@code theta2} is solved so that the
 * retry pass rates, weighted by the mix and by each class's first-try failures, match it. So a
 * model that gains much from seeing failing tests (Aider's figures for large models) keeps that
 * gain, and one that gains nothing (the 0.5B model) gets retry rates of 0.
 */
final class Calibration {

  private Calibration() {}

  /**
   * First-try and retry pass rates by difficulty.
   *
   * @param firstTry published share solved at the first try, in [0, 1]
   * @param afterFeedback published share solved within two tries, in [firstTry, 1]
   * @param mix share of each difficulty
   * @param logits difficulty of each class on the logistic scale
   * @return {@code [firstTry, retry]}
   */
  static ByDifficulty[] spread(double firstTry, double afterFeedback, ByDifficulty mix, ByDifficulty logits) {
    if (!(firstTry >= 0 && firstTry <= 1 && afterFeedback >= firstTry && afterFeedback <= 1)) {
      throw new IllegalArgumentException("need 0 <= firstTry <= afterFeedback <= 1, got " + firstTry + " and " + afterFeedback);
    }
    double[] w = {mix.easy(), mix.medium(), mix.hard()};
    double[] b = {logits.easy(), logits.medium(), logits.hard()};
    double[] first = rates(solve(w, b, firstTry), b);
    if (firstTry >= 1) {
      return new ByDifficulty[] {of(first), of(first)};
    }
    double conditional = (afterFeedback - firstTry) / (1 - firstTry);
    double[] weights = new double[3];
    for (int i = 0; i < 3; i++) {
      weights[i] = w[i] * (1 - first[i]);
    }
    double[] retry = rates(solve(weights, b, conditional), b);
    return new ByDifficulty[] {of(first), of(retry)};
  }

  private static ByDifficulty of(double[] r) {
    return new ByDifficulty(r[0], r[1], r[2]);
  }

  private static double[] rates(double theta, double[] b) {
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) {
      r[i] = theta == Double.NEGATIVE_INFINITY ? 0 : theta == Double.POSITIVE_INFINITY ? 1 : 1 / (1 + Math.exp(b[i] - theta));
    }
    return r;
  }

  /** The ability whose weighted pass rate is {@code target}, by bisection. */
  private static double solve(double[] w, double[] b, double target) {
    if (target <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (target >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    double lo = -40;
    double hi = 40;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (weighted(w, rates(mid, b)) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static double weighted(double[] w, double[] r) {
    double sum = 0;
    double total = 0;
    for (int i = 0; i < 3; i++) {
      sum += w[i] * r[i];
      total += w[i];
    }
    return total == 0 ? 0 : sum / total;
  }
}
