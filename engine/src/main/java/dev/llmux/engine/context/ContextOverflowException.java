package dev.llmux.engine.context;

import dev.llmux.engine.InvalidRequestException;

/** A conversation does not fit a model's context even after its older messages were compacted. */
public final class ContextOverflowException extends InvalidRequestException {

  /** An overflow; the message names the model, the tokens and the limit. */
  public ContextOverflowException(String message) {
    super(message);
  }
}
