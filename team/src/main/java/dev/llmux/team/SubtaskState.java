package dev.llmux.team;

/**
 * A subtask's state. The store keeps {@code PENDING}, {@code RUNNING}, {@code DONE},
 * {@code FAILED} and {@code SKIPPED}; {@code READY} is a {@code PENDING} subtask whose dependencies
 * are all {@code DONE}, worked out when it is read.
 *
 * <table>
 *   <caption>Transitions (each one is one atomic store write)</caption>
 *   <tr><th>from</th><th>to</th><th>when</th></tr>
 *   <tr><td>PENDING/READY</td><td>RUNNING</td><td>a worker claims it: a lease and a new fencing token</td></tr>
 *   <tr><td>RUNNING</td><td>RUNNING</td><td>another worker claims it after the lease expired (new token)</td></tr>
 *   <tr><td>RUNNING</td><td>DONE</td><td>completion with the current token and no merge conflict</td></tr>
 *   <tr><td>RUNNING</td><td>PENDING</td><td>a task failure or merge conflict with attempts left (the failure is kept as feedback)</td></tr>
 *   <tr><td>RUNNING</td><td>FAILED</td><td>a task failure with no attempts left</td></tr>
 *   <tr><td>PENDING</td><td>SKIPPED</td><td>a dependency FAILED or was SKIPPED</td></tr>
 * </table>
 *
 * <p>DONE, FAILED and SKIPPED are final. A completion or release whose token is not the subtask's
 * current one (a worker that woke after its lease expired) changes nothing.
 */
public enum SubtaskState {
  /** Waiting for its dependencies. */
  PENDING,
  /** Every dependency is done; waiting for a teammate. */
  READY,
  /** Claimed by a teammate under a lease. */
  RUNNING,
  /** Finished; its changes are merged. */
  DONE,
  /** Failed with no attempts left. */
  FAILED,
  /** Not run because a dependency failed or was skipped. */
  SKIPPED;

  /** Whether the state is final. */
  public boolean terminal() {
    return this == DONE || this == FAILED || this == SKIPPED;
  }
}
