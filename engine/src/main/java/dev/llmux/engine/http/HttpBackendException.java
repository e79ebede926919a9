package dev.llmux.engine.http;

import dev.llmux.engine.BackendException;

/**
 * An HTTP backend failed to answer: what kind of failure, the HTTP status if there was one, and
 * how many attempts were made. The message says what happened and what to do; it never holds the
 * API key or request headers. When the server could not be reached at all ({@link Kind#CONNECTION})
 * it is the subclass {@link ProviderUnreachableException}.
 */
public sealed class HttpBackendException extends BackendException permits ProviderUnreachableException {

  /** What kind of failure ended the request. */
  public enum Kind {
    /** The connection could not be opened, or was reset before an answer began. */
    CONNECTION,
    /** No first token, or a stall between tokens, beyond the configured limits (or HTTP 408). */
    TIMEOUT,
    /** HTTP 429 rate limit (not quota exhaustion). */
    RATE_LIMITED,
    /** The account's quota or credit is used up (a 429 or 402 that says so); opens the circuit. */
    QUOTA_EXHAUSTED,
    /** HTTP 5xx. */
    SERVER_ERROR,
    /** The provider is overloaded (Anthropic's 529, {@code overloaded_error}). */
    OVERLOADED,
    /** HTTP 409 conflict. */
    CONFLICT,
    /** HTTP 401 or 403: the key is missing, wrong or not allowed to use the model. */
    AUTH,
    /** HTTP 404: wrong base URL or unknown model. */
    NOT_FOUND,
    /** HTTP 400, 422 or another 4xx: the request itself was rejected. */
    BAD_REQUEST,
    /** The answer began (HTTP 200) and then the stream carried an error event. */
    STREAM_ERROR,
    /** The stream was cut, truncated, or not valid SSE/JSON. */
    BROKEN_STREAM,
    /** A status or body llmux cannot use (a redirect, an HTML page). */
    UNEXPECTED_RESPONSE
  }

  private final Kind kind;
  private final int status;
  private final int attempts;

  HttpBackendException(
      String backend, Kind kind, int status, int attempts, String message, boolean retryable, Throwable cause) {
    super(backend, message, retryable, cause);
    this.kind = kind;
    this.status = status;
    this.attempts = attempts;
  }

  /** What kind of failure it was. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the last attempt, or 0 when there was none (connection failure, broken stream). */
  public int status() {
    return status;
  }

  /** How many attempts were made. */
  public int attempts() {
    return attempts;
  }
}
