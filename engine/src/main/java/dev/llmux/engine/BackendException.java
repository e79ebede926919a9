package dev.llmux.engine;

import dev.llmux.LlmuxException;

/** A backend could not answer: it failed, or is unavailable. */
public class BackendException extends LlmuxException {

  private final String backend;
  private final boolean retryable;

  /** A failure of the named backend; {@code retryable} says whether trying again may help. */
  public BackendException(String backend, String message, boolean retryable, Throwable cause) {
    super("backend '" + backend + "': " + message, cause);
    this.backend = backend;
    this.retryable = retryable;
  }

  /** The backend's name. */
  public String backend() {
    return backend;
  }

  /** Whether the same request may succeed if tried again (here or on another backend). */
  public boolean retryable() {
    return retryable;
  }
}
