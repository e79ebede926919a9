package dev.llmux.engine.http;

import dev.llmux.engine.ConfigException;
import java.time.Duration;

/**
 * Time limits of an HTTP backend.
 *
 * @param connect the longest a TCP/TLS connection may take to open (default 10 s)
 * @param firstToken the longest from sending a request to the first streamed event; covers queueing
 *     and prompt processing on the server (default 120 s)
 * @param idle the longest gap between two streamed events once the answer has started (default 60 s)
 * @param total the longest a whole request may take, retries and backoff included (default 10 min);
 *     a request's own {@code timeout} applies when it is shorter
 */
public record HttpTimeouts(Duration connect, Duration firstToken, Duration idle, Duration total) {

  /** The defaults documented on the record. */
  public static final HttpTimeouts DEFAULTS =
      new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofMinutes(10));

  /** Checks that every limit is positive. */
  public HttpTimeouts {
    positive("connect", connect);
    positive("firstToken", firstToken);
    positive("idle", idle);
    positive("total", total);
  }

  /** A copy with another connect timeout. */
  public HttpTimeouts withConnect(Duration d) {
    return new HttpTimeouts(d, firstToken, idle, total);
  }

  /** A copy with another first-token timeout. */
  public HttpTimeouts withFirstToken(Duration d) {
    return new HttpTimeouts(connect, d, idle, total);
  }

  /** A copy with another idle timeout. */
  public HttpTimeouts withIdle(Duration d) {
    return new HttpTimeouts(connect, firstToken, d, total);
  }

  /** A copy with another total deadline. */
  public HttpTimeouts withTotal(Duration d) {
    return new HttpTimeouts(connect, firstToken, idle, d);
  }

  static void positive(String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ConfigException("timeouts." + field + " is " + d + ": use a positive duration");
    }
  }
}
