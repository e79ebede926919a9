package dev.llmux.team;

import dev.llmux.LlmuxException;

/**
 * A bad team file, task, plan or run reference: the message names the file, JSON path or value
 * and what to do (the command line exits 2).
 */
public class TeamException extends LlmuxException {

  /** Creates an exception with the given message. */
  public TeamException(String message) {
    super(message);
  }

  /** Creates an exception with the given message and cause. */
  public TeamException(String message, Throwable cause) {
    super(message, cause);
  }
}
