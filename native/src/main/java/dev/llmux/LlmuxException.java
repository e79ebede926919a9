package dev.llmux;

/**
 * The root of every exception llmux throws on purpose.
 *
 * <p>Each exception carries an {@link ExitCode} that the command line turns into its exit status,
 * and a message that says what was wrong, where (file, JSON path, model name) and what to do.
 */
public class LlmuxException extends RuntimeException {

  private final ExitCode exitCode;

  /** Creates an exception with the given exit code and message. */
  public LlmuxException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Creates an exception with the given exit code, message and cause. */
  public LlmuxException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The exit status the command line uses when this exception ends a command. */
  public ExitCode exitCode() {
    return exitCode;
  }

  /** The command line's exit codes, as DESIGN.md fixes them. */
  public enum ExitCode {
    /** The command succeeded. */
    OK(0),
    /** The job ran and failed. */
    FAILED(1),
    /** Bad usage, bad config or a bad input file. */
    BAD_INPUT(2),
    /** A backend (model, provider, native library) was unavailable. */
    UNAVAILABLE(3);

    private final int status;

    ExitCode(int status) {
      this.status = status;
    }

    /** The numeric process exit status. */
    public int status() {
      return status;
    }
  }
}
