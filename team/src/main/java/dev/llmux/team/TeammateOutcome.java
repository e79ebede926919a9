package dev.llmux.team;

/** How a teammate's attempt ended. The scheduler then runs the acceptance checks on what it left. */
public sealed interface TeammateOutcome {

  /**
   * The teammate believes it is finished.
   *
   * @param summary what it did, in a line
   */
  record Finished(String summary) implements TeammateOutcome {}

  /**
   * The teammate could not do the task (a task failure: retried up to the budget with this as feedback).
   *
   * @param reason why
   */
  record Failed(String reason) implements TeammateOutcome {}

  /**
   * The backend was down or rate-limited (retried with exponential backoff and jitter, without
   * spending the task's attempts).
   *
   * @param reason the backend's error
   */
  record Unavailable(String reason) implements TeammateOutcome {}
}
