package dev.llmux.agent;

/** Why an episode ended. */
public enum EpisodeEnd {
  /** The agent called {@code finish}. */
  FINISHED,
  /** The step limit was reached. */
  STEP_LIMIT,
  /** The time limit passed. */
  TIME_LIMIT,
  /** The same action gave the same observation too many times in a row. */
  STUCK,
  /** Backends failed more often in one step than allowed. */
  BACKEND_FAILURE,
  /** The prompt fitted no backend's context, even after its older steps were compacted. */
  CONTEXT_FULL,
  /** The supervisor advised to stop. */
  SUPERVISOR_STOP
}
