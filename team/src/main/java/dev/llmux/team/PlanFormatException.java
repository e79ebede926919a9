package dev.llmux.team;

/** A lead's answer that is not a plan: empty, too large, not JSON, or not of the plan's shape (JSON path named). */
public final class PlanFormatException extends TeamException {

  /** Creates an exception with the given message. */
  public PlanFormatException(String message) {
    super(message);
  }
}
