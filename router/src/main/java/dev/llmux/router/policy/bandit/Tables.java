package dev.llmux.router.policy.bandit;

import dev.llmux.router.policy.PolicyState;

/**
 * The per (state, backend) tables both bandits keep: pull counts and one statistic per entry (a
 * sum or a mean). Saving, reading back and checking them.
 */
final class Tables {

  private Tables() {}

  /** The saved form: {@code {"counts": [...], "<valuesKey>": [...]}}. */
  static PolicyState save(long[] counts, String valuesKey, double[] values) {
    return PolicyState.builder().counts("counts", counts).numbers(valuesKey, values).build();
  }

  /** All counts added up: the number of updates the tables hold. */
  static long total(long[] counts) {
    long sum = 0;
    for (long n : counts) {
      sum += n;
    }
    return sum;
  }

  /** Checks that every value is finite and that the counts add up to {@code updates}. */
  static void check(String policy, long[] counts, String valuesKey, double[] values, long updates) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalStateException(policy + ": " + valuesKey + "[" + i + "] is " + values[i]);
      }
    }
    long sum = total(counts);
    if (sum != updates) {
      throw new IllegalStateException(policy + ": counts add up to " + sum + " but " + updates + " updates were made");
    }
  }
}
