package dev.llmux.engine.http;

import dev.llmux.engine.http.HttpBackendException.Kind;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Sorts failed attempts into retryable and final ones.
 *
 * <p>Retried: 408, 409, 429 (rate limit), 5xx, 529, connection failures, timeouts, an error event in
 * a 200 stream (unless it carries a status or type that is not retried, such as llama.cpp's
 * {@code "code":400} or {@code invalid_request_error}), a truncated or malformed stream. Not retried: 400, 401, 403, 404, 422, other 4xx,
 * and a 429 (or 402) that says the quota is exhausted. An {@code x-should-retry: true|false} header
 * overrides the choice, except that quota exhaustion is never retried.
 */
final class Classifier {

  private Classifier() {}

  /** Classifies a non-2xx answer from its status, headers and (redacted) error body. */
  static AttemptFailure fromStatus(int status, HttpHeaders headers, ProviderError error, Instant now) {
    Kind kind = kindOf(status, error);
    boolean retryable = switch (kind) {
      case TIMEOUT, RATE_LIMITED, SERVER_ERROR, OVERLOADED, CONFLICT -> true;
      default -> false;
    };
    Optional<String> should = headers.firstValue("x-should-retry");
    if (should.isPresent() && kind != Kind.QUOTA_EXHAUSTED) {
      String v = should.get().strip().toLowerCase(Locale.ROOT);
      if (v.equals("true")) {
        retryable = true;
      } else if (v.equals("false")) {
        retryable = false;
      }
    }
    Duration retryAfter = RetryAfter.parse(headers, now);
    String described = error.describe();
    String detail = "HTTP " + status + " (" + phrase(kind, status) + ")" + (described.isEmpty() ? "" : ": " + described);
    return new AttemptFailure(kind, status, retryable, detail, retryAfter, null);
  }

  /**
   * Classifies an error event that arrived inside a 200 stream. An event carrying an HTTP status
   * as its code (llama.cpp's server sends {@code "code":400}) is classified as that status would
   * be, so a request rejected in the stream is the same invalid request as one rejected by status.
   */
  static AttemptFailure fromStreamError(ProviderError error) {
    String t = (error.type() + " " + error.code()).toLowerCase(Locale.ROOT);
    int carried = carriedStatus(error.code());
    Kind kind;
    if (carried != 0 && !error.quotaExhausted()) {
      kind = kindOf(carried, error);
    } else if (error.quotaExhausted()) {
      kind = Kind.QUOTA_EXHAUSTED;
    } else if (t.contains("invalid_request") || t.contains("context_length")) {
      kind = Kind.BAD_REQUEST;
    } else if (t.contains("authentication") || t.contains("permission") || t.contains("invalid_api_key")) {
      kind = Kind.AUTH;
    } else if (t.contains("not_found")) {
      kind = Kind.NOT_FOUND;
    } else {
      kind = Kind.STREAM_ERROR;
    }
    boolean retryable = switch (kind) {
      case STREAM_ERROR, TIMEOUT, RATE_LIMITED, SERVER_ERROR, OVERLOADED, CONFLICT -> true;
      default -> false;
    };
    String d = error.describe();
    return new AttemptFailure(kind, 0, retryable, "the stream carried an error event after HTTP 200"
        + (d.isEmpty() ? "" : ": " + d), null, null);
  }

  /** The HTTP status an error event's code names (400 to 599), or 0. */
  private static int carriedStatus(String code) {
    if (code == null || !code.strip().matches("[45]\\d\\d")) {
      return 0;
    }
    return Integer.parseInt(code.strip());
  }

  /** Classifies an I/O failure of the exchange; {@code answered} says whether the response had begun. */
  static AttemptFailure fromIo(Throwable t, boolean answered, String url) {
    if (t instanceof HttpConnectTimeoutException) {
      return new AttemptFailure(Kind.CONNECTION, 0, true, "connecting to " + url + " timed out", null, t);
    }
    if (t instanceof HttpTimeoutException) {
      return new AttemptFailure(Kind.TIMEOUT, 0, true, "the HTTP client timed out on " + url, null, t);
    }
    if (t instanceof ConnectException || t instanceof UnresolvedAddressException
        || t.getCause() instanceof UnresolvedAddressException) {
      String why = t.getMessage() != null && !t.getMessage().isBlank() ? t.getMessage()
          : t instanceof ConnectException ? "connection refused" : "unknown host";
      return new AttemptFailure(Kind.CONNECTION, 0, true, "cannot connect to " + url + " (" + why + ")", null, t);
    }
    String why = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    if (answered) {
      return new AttemptFailure(Kind.BROKEN_STREAM, 0, true, "the connection broke during the answer (" + why + ")",
          null, t);
    }
    return new AttemptFailure(Kind.CONNECTION, 0, true, "the connection to " + url + " failed before an answer ("
        + why + ")", null, t);
  }

  private static Kind kindOf(int status, ProviderError error) {
    if (status == 429 || status == 402) {
      return error.quotaExhausted() || status == 402 ? Kind.QUOTA_EXHAUSTED : Kind.RATE_LIMITED;
    }
    if (status == 400 && error.quotaExhausted()) {
      return Kind.QUOTA_EXHAUSTED;
    }
    if (status == 401 || status == 403) {
      return Kind.AUTH;
    }
    if (status == 404) {
      return Kind.NOT_FOUND;
    }
    if (status == 408) {
      return Kind.TIMEOUT;
    }
    if (status == 409) {
      return Kind.CONFLICT;
    }
    if (status == 529) {
      return Kind.OVERLOADED;
    }
    if (status >= 500 && status <= 599) {
      return Kind.SERVER_ERROR;
    }
    if (status >= 400 && status <= 499) {
      return Kind.BAD_REQUEST;
    }
    return Kind.UNEXPECTED_RESPONSE;
  }

  private static String phrase(Kind kind, int status) {
    return switch (kind) {
      case QUOTA_EXHAUSTED -> "quota exhausted";
      case RATE_LIMITED -> "rate limited";
      case AUTH -> status == 401 ? "unauthorized" : "forbidden";
      case NOT_FOUND -> "not found";
      case TIMEOUT -> "request timeout";
      case CONFLICT -> "conflict";
      case OVERLOADED -> "overloaded";
      case SERVER_ERROR -> "server error";
      case BAD_REQUEST -> "bad request";
      default -> "unexpected status";
    };
  }
}
