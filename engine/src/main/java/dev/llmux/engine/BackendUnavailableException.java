package dev.llmux.engine;

/** A backend does not take requests now: closed, circuit open, quota exhausted, not loadable. */
public class BackendUnavailableException extends BackendException {

  /** An unavailable backend and why. */
  public BackendUnavailableException(String backend, String message, Throwable cause) {
    super(backend, message, true, cause);
  }
}
