package dev.llmux.agent.trajectory;

import dev.llmux.LlmuxException;

/**
 * A trajectory or export file could not be written or closed: the message names the file. A file
 * that cannot be opened or read in the first place is the subclass {@link BadTrajectoryFileException}.
 */
public class TrajectoryException extends LlmuxException {

  /** A failed write. */
  public TrajectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
