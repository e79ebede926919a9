package dev.llmux.team.store;

/** Where a run stands. */
public enum RunStatus {
  /** The lead is planning, or the plan awaits approval. */
  PLANNING,
  /** Stopped before running: criteria mode, a rejected plan, or no sound plan within the attempts. */
  STOPPED,
  /** The plan was approved; subtasks are running. */
  RUNNING,
  /** Every subtask is done, failed or skipped. */
  FINISHED
}
