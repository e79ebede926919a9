package dev.llmux.engine;

/** Why an answer ended. */
public enum StopReason {
  /** The model ended its answer (end-of-sequence token). */
  END,
  /** One of the request's stop strings was produced; it is not part of the text. */
  STOP_STRING,
  /** The request's token limit was reached. */
  LENGTH,
  /** The request was cancelled or its thread interrupted. */
  CANCELLED,
  /** The request's deadline passed. */
  DEADLINE
}
