package dev.llmux.agent.sandbox;

/**
 * The sandbox cannot work on this machine: bubblewrap was required but is unusable, or a tool it
 * needs (util-linux's {@code prlimit}, {@code setpriv}) is missing. The message says what to install.
 */
public final class SandboxUnavailableException extends SandboxException {

  /** An unusable sandbox and why. */
  public SandboxUnavailableException(String message) {
    super(message);
  }
}
