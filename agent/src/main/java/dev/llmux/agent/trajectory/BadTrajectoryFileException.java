package dev.llmux.agent.trajectory;

/**
 * A trajectory file that cannot be used as given: it cannot be opened or read, or a line before its
 * end is not valid JSON. The message names the file and, for a damaged file, the line.
 */
public final class BadTrajectoryFileException extends TrajectoryException {

  /** An unusable trajectory file. */
  public BadTrajectoryFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
