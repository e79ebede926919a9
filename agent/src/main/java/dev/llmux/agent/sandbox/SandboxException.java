package dev.llmux.agent.sandbox;

import dev.llmux.LlmuxException;

/**
 * The sandbox could not run a command at all (not: the command failed inside it): it could not be
 * started, or was interrupted. When the sandbox cannot work on this machine it is the subclass
 * {@link SandboxUnavailableException}.
 */
public class SandboxException extends LlmuxException {

  /** A sandbox failure. */
  public SandboxException(String message) {
    super(message);
  }

  /** A sandbox failure with its cause. */
  public SandboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
