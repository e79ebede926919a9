package dev.llmux.engine.http;

import dev.llmux.engine.ConfigException;
import java.time.Duration;

/**
 * How an HTTP backend retries a failed attempt: exponential backoff with full jitter (a random wait
 * between 0 and {@code initialBackoff * 2^(n-1)}, at most {@code maxBackoff}), or exactly what the
 * server's {@code Retry-After} asks.
 *
 * @param maxAttempts the most attempts per request, the first included (default 3; 1 disables retries)
 * @param initialBackoff the backoff ceiling after the first failure (default 250 ms)
 * @param maxBackoff the highest backoff ceiling (default 8 s)
 * @param maxRetryAfter the longest {@code Retry-After} that is waited for; a longer one fails the
 *     request at once so a fallback can answer (default 30 s)
 * @param maxConcurrentRetries how many retries (backoff wait plus attempt) may run at once on this
 *     backend, shared by all its requests; a retry that finds none free is not made (default 8)
 */
public record RetrySettings(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter, int maxConcurrentRetries) {

  /** The defaults documented on the record. */
  public static final RetrySettings DEFAULTS =
      new RetrySettings(3, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(30), 8);

  /** No retries at all. */
  public static final RetrySettings NONE = DEFAULTS.withMaxAttempts(1);

  /** Checks the ranges. */
  public RetrySettings {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new ConfigException("retry.maxAttempts is " + maxAttempts + ": use a value from 1 to 20");
    }
    HttpTimeouts.positive("retry.initialBackoff", initialBackoff);
    HttpTimeouts.positive("retry.maxBackoff", maxBackoff);
    if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
      throw new ConfigException("retry.maxRetryAfter is " + maxRetryAfter + ": use zero or a positive duration");
    }
    if (maxConcurrentRetries < 0) {
      throw new ConfigException("retry.maxConcurrentRetries is " + maxConcurrentRetries + ": use 0 or more");
    }
  }

  /** A copy with another attempt limit. */
  public RetrySettings withMaxAttempts(int n) {
    return new RetrySettings(n, initialBackoff, maxBackoff, maxRetryAfter, maxConcurrentRetries);
  }

  /** A copy with other backoff bounds. */
  public RetrySettings withBackoff(Duration initial, Duration max) {
    return new RetrySettings(maxAttempts, initial, max, maxRetryAfter, maxConcurrentRetries);
  }

  /** A copy with another {@code Retry-After} cap. */
  public RetrySettings withMaxRetryAfter(Duration d) {
    return new RetrySettings(maxAttempts, initialBackoff, maxBackoff, d, maxConcurrentRetries);
  }

  /** A copy with another shared retry limit. */
  public RetrySettings withMaxConcurrentRetries(int n) {
    return new RetrySettings(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, n);
  }
}
