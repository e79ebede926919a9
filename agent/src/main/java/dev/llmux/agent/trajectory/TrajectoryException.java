package dev.llmux.agent.trajectory;

import dev.llmux.LlmuxException;

/** A trajectory file cannot be written or read: the message names the file and line. */
public class TrajectoryException extends LlmuxException {

  /** A trajectory error. */
  public TrajectoryException(ExitCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
