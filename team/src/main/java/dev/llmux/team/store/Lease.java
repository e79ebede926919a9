package dev.llmux.team.store;

/**
 * A claim on a subtask: who holds it and its fencing token. Every completion and release carries
 * the token; the store refuses it once a later claim took the subtask.
 *
 * @param run the run's id
 * @param subtask the subtask's id
 * @param owner the worker that holds it
 * @param token the fencing token (increasing per run)
 * @param failures the subtask's failures before this claim (the attempt is failures + 1)
 * @param feedback the last failure, for the teammate
 */
public record Lease(String run, String subtask, String owner, long token, int failures, String feedback) {

  /** The attempt this claim is (1 for the first). */
  public int attempt() {
    return failures + 1;
  }
}
