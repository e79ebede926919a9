package dev.llmux.router.policy;

/**
 * A policy that tells what it has learned about each backend in each state: the view that {@code
 * llmux router show} prints.
 */
public interface Inspectable {

  /**
   * The policy's estimate of what {@code action} is worth in {@code state} (a Q-value or a mean
   * reward), or {@code NaN} when it has none yet.
   */
  double value(int state, int action);

  /**
   * How many steps taught the policy about {@code action} in {@code state}. 0 means the value is
   * only the initial guess.
   */
  long experience(int state, int action);

  /**
   * Whether what the policy learns in one state carries over to others (a model over features,
   * not a table), so a state without experience of its own is not untrained.
   */
  default boolean generalizes() {
    return false;
  }
}
