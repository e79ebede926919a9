package dev.llmux.router.policy;

import java.util.List;

/**
 * Reuses {@link RouteDecision} objects so that tabular policies choose without allocating. A
 * decision is made once per (state, action, kind) and made again only when its probability
 * changes (exploration decaying). Rows are created per slow-backend mask on first use. Not
 * thread-safe.
 */
public final class DecisionCache {

  private final List<String> backends;
  private final int kinds;
  private final RouteDecision[][] rows;

  /**
   * A cache for these backends.
   *
   * @param backends the backends' names, in order
   * @param kinds how many kinds of decision a policy makes per state and action ("greedy",
   *     "explore", ...)
   */
  public DecisionCache(List<String> backends, int kinds) {
    this.backends = List.copyOf(backends);
    this.kinds = kinds;
    this.rows = new RouteDecision[1 << backends.size()][];
  }

  /**
   * The decision for {@code action} in {@code state}, of the given kind, with this reason and
   * probability.
   */
  public RouteDecision get(int state, int action, int kind, String reason, double probability) {
    int mask = StateSpace.slowMaskOf(state);
    RouteDecision[] row = rows[mask];
    if (row == null) {
      row = new RouteDecision[StateSpace.REQUEST_STATES * backends.size() * kinds];
      rows[mask] = row;
    }
    int i = (StateSpace.requestOf(state) * backends.size() + action) * kinds + kind;
    RouteDecision d = row[i];
    if (d == null || d.probability() != probability) {
      d = new RouteDecision(backends.get(action), state, reason, probability);
      row[i] = d;
    }
    return d;
  }
}
