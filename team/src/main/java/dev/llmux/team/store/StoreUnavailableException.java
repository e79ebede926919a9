package dev.llmux.team.store;

import dev.llmux.LlmuxException;

/** The run store cannot be reached (Valkey/Redis down, a folder that cannot be written); the command line exits 3. */
public final class StoreUnavailableException extends LlmuxException {

  /** Creates an exception with the given message and cause. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
