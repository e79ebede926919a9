package dev.llmux.engine.http;

import dev.llmux.engine.BackendStats.Availability;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A count-based circuit breaker (closed, open, half-open) over the last attempts of one backend,
 * as in Nygard's <i>Release It!</i>: while open, requests fail at once without an attempt, so an
 * outage costs each request at most one failed attempt instead of a retry storm. Thread-safe.
 */
final class CircuitBreaker {

  private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

  /** The breaker's state. */
  enum State { CLOSED, OPEN, HALF_OPEN }

  /** What {@link #tryAcquire()} granted: an ordinary attempt or the single half-open probe. */
  enum Permit { NORMAL, PROBE }

  private final String backend;
  private final CircuitSettings settings;
  private final boolean[] window;
  private int next;
  private int counted;
  private int failures;
  private State state = State.CLOSED;
  private long openUntilNanos;
  private boolean probeInFlight;
  private String reason = "";

  CircuitBreaker(String backend, CircuitSettings settings) {
    this.backend = backend;
    this.settings = settings;
    this.window = new boolean[settings.window()];
  }

  /** Lets an attempt through, or returns {@code null} when the circuit is open (or its probe is out). */
  synchronized Permit tryAcquire() {
    switch (state) {
      case CLOSED:
        return Permit.NORMAL;
      case OPEN:
        if (System.nanoTime() - openUntilNanos < 0) {
          return null;
        }
        state = State.HALF_OPEN;
        probeInFlight = true;
        log.info("backend '{}': circuit half-open, sending one probe request", backend);
        return Permit.PROBE;
      default:
        if (probeInFlight) {
          return null;
        }
        probeInFlight = true;
        return Permit.PROBE;
    }
  }

  /** Records a successful attempt. */
  synchronized void onSuccess(Permit permit) {
    if (permit == Permit.PROBE) {
      if (state == State.HALF_OPEN) {
        log.info("backend '{}': probe succeeded, circuit closed", backend);
        close();
      }
      return;
    }
    if (state == State.CLOSED) {
      record(false);
    }
  }

  /** Records a failed attempt; {@code why} (redacted) is kept for messages. */
  synchronized void onFailure(Permit permit, String why) {
    if (permit == Permit.PROBE) {
      if (state == State.HALF_OPEN) {
        open(settings.openDuration(), "the probe failed: " + why);
      }
      return;
    }
    if (state != State.CLOSED) {
      return;
    }
    record(true);
    if (counted >= settings.minimumCalls() && failures >= settings.failureRate() * counted) {
      open(settings.openDuration(), failures + " of the last " + counted + " attempts failed (last: " + why + ")");
    }
  }

  /** Releases a permit without a verdict (the attempt was cancelled or hit the caller's deadline). */
  synchronized void onNeutral(Permit permit) {
    if (permit == Permit.PROBE && state == State.HALF_OPEN) {
      probeInFlight = false;
    }
  }

  /** Opens the circuit now for {@code duration}, whatever its state (quota exhausted). */
  synchronized void forceOpen(Duration duration, String why) {
    open(duration, why);
  }

  /** The state now; an open circuit whose time is up reads as half-open. */
  synchronized State state() {
    if (state == State.OPEN && System.nanoTime() - openUntilNanos >= 0) {
      return State.HALF_OPEN;
    }
    return state;
  }

  /** The state as the router sees it. */
  Availability availability() {
    return switch (state()) {
      case CLOSED -> Availability.AVAILABLE;
      case HALF_OPEN -> Availability.PROBING;
      case OPEN -> Availability.UNAVAILABLE;
    };
  }

  /** Why the circuit is open and when it will probe, for the exception a refused request gets. */
  synchronized String describeOpen() {
    long leftMillis = Math.max(0, (openUntilNanos - System.nanoTime()) / 1_000_000);
    if (state == State.HALF_OPEN) {
      return "circuit half-open: a probe request is testing the backend (" + reason + ")";
    }
    return "circuit open: " + reason + "; next probe in " + formatMillis(leftMillis);
  }

  private void record(boolean failed) {
    if (counted == window.length) {
      if (window[next]) {
        failures--;
      }
    } else {
      counted++;
    }
    window[next] = failed;
    if (failed) {
      failures++;
    }
    next = (next + 1) % window.length;
  }

  private void open(Duration duration, String why) {
    boolean wasOpen = state == State.OPEN;
    state = State.OPEN;
    probeInFlight = false;
    openUntilNanos = System.nanoTime() + duration.toNanos();
    reason = why;
    if (!wasOpen) {
      log.warn("backend '{}': circuit opened for {}: {}", backend, formatMillis(duration.toMillis()), why);
    }
  }

  private void close() {
    state = State.CLOSED;
    probeInFlight = false;
    counted = 0;
    failures = 0;
    next = 0;
    Arrays.fill(window, false);
  }

  static String formatMillis(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return (ms / 60_000) + " min";
  }
}
