package dev.llmux.engine.http;

import dev.llmux.engine.ConfigException;
import java.time.Duration;

/**
 * The circuit breaker of an HTTP backend. It counts the outcomes of the last {@code window}
 * attempts; when at least {@code minimumCalls} are counted and the failed share reaches
 * {@code failureRate}, it opens: requests fail at once, without an attempt, for
 * {@code openDuration}. Then one probe request is let through (half-open): success closes the
 * circuit, failure opens it again. A quota-exhausted answer opens it at once for
 * {@code quotaOpenDuration}.
 *
 * @param window how many recent attempts are counted (default 10)
 * @param minimumCalls how many must be counted before the circuit may open (default 5)
 * @param failureRate the failed share that opens it, in (0, 1] (default 0.5)
 * @param openDuration how long it stays open before a probe (default 15 s)
 * @param quotaOpenDuration how long a quota-exhausted answer keeps it open (default 10 min)
 */
public record CircuitSettings(
    int window, int minimumCalls, double failureRate, Duration openDuration, Duration quotaOpenDuration) {

  /** The defaults documented on the record. */
  public static final CircuitSettings DEFAULTS =
      new CircuitSettings(10, 5, 0.5, Duration.ofSeconds(15), Duration.ofMinutes(10));

  /** Checks the ranges. */
  public CircuitSettings {
    if (window < 1 || window > 1000) {
      throw new ConfigException("circuit.window is " + window + ": use a value from 1 to 1000");
    }
    if (minimumCalls < 1 || minimumCalls > window) {
      throw new ConfigException("circuit.minimumCalls is " + minimumCalls + ": use a value from 1 to window (" + window + ")");
    }
    if (!(failureRate > 0 && failureRate <= 1)) {
      throw new ConfigException("circuit.failureRate is " + failureRate + ": use a value in (0, 1]");
    }
    HttpTimeouts.positive("circuit.openDuration", openDuration);
    HttpTimeouts.positive("circuit.quotaOpenDuration", quotaOpenDuration);
  }

  /** A copy with other open durations. */
  public CircuitSettings withOpenDurations(Duration open, Duration quotaOpen) {
    return new CircuitSettings(window, minimumCalls, failureRate, open, quotaOpen);
  }

  /** A copy with another window. */
  public CircuitSettings withWindow(int window, int minimumCalls, double failureRate) {
    return new CircuitSettings(window, minimumCalls, failureRate, openDuration, quotaOpenDuration);
  }
}
