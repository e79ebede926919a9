package dev.llmux.engine;

import dev.llmux.LlmuxException;

/** A request that no backend can answer as it stands: the message says which field and why. */
public class InvalidRequestException extends LlmuxException {

  /** An invalid request. */
  public InvalidRequestException(String message) {
    super(message);
  }
}
