package dev.llmux.engine.http;

import dev.llmux.engine.http.HttpBackendException.Kind;
import java.time.Duration;

/**
 * Why one attempt failed, classified: whether a retry may help, whether the circuit breaker counts
 * it, and how long the server asked to wait. Internal; turned into the public exceptions by
 * {@link HttpBackend}. Its detail text is already redacted.
 */
final class AttemptFailure extends Exception {

  final Kind kind;
  final int status;
  final boolean retryable;
  final Duration retryAfter;

  AttemptFailure(Kind kind, int status, boolean retryable, String detail, Duration retryAfter, Throwable cause) {
    super(detail, cause, false, false);
    this.kind = kind;
    this.status = status;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  AttemptFailure(Kind kind, boolean retryable, String detail) {
    this(kind, 0, retryable, detail, null, null);
  }

  /** Whether the circuit breaker counts this as the backend failing (a bad request is the caller's fault). */
  boolean countsAgainstBackend() {
    return kind != Kind.BAD_REQUEST;
  }

  /** The redacted description. */
  String detail() {
    return getMessage();
  }
}
