package dev.llmux.router.policy;

import dev.llmux.LlmuxException;

/** A policy file that cannot be used: missing, corrupt, foreign, or made for other backends. */
public class PolicyFileException extends LlmuxException {

  /** A policy file error; the message names the file and what to do. */
  public PolicyFileException(String message) {
    super(message);
  }

  /** A policy file error with its cause. */
  public PolicyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
