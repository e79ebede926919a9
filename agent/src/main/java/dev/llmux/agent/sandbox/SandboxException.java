package dev.llmux.agent.sandbox;

import dev.llmux.LlmuxException;

/** The sandbox could not run a command at all (not: the command failed inside it). */
public class SandboxException extends LlmuxException {

  /** A sandbox failure with the exit code the command line should use. */
  public SandboxException(ExitCode code, String message) {
    super(code, message);
  }

  /** A sandbox failure with its cause. */
  public SandboxException(ExitCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
