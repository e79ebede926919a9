package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.BackendStats.Availability;
import dev.llmux.engine.http.CircuitBreaker.Permit;
import dev.llmux.engine.http.CircuitBreaker.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The circuit breaker's state machine: closed, open, half-open with one probe. */
final class CircuitBreakerTest {

  private static CircuitBreaker breaker(long openMillis) {
    return new CircuitBreaker("b", new CircuitSettings(4, 3, 0.5, Duration.ofMillis(openMillis), Duration.ofSeconds(60)));
  }

  @Test
  void onFailure_belowMinimumCalls_staysClosed() {
    CircuitBreaker cb = breaker(10_000);
    cb.onFailure(cb.tryAcquire(), "x");
    cb.onFailure(cb.tryAcquire(), "x");
    assertEquals(State.CLOSED, cb.state());
    assertEquals(Availability.AVAILABLE, cb.availability());
  }

  @Test
  void onFailure_rateReachedInWindow_opensAndRefusesAttempts() {
    CircuitBreaker cb = breaker(10_000);
    cb.onSuccess(cb.tryAcquire());
    cb.onFailure(cb.tryAcquire(), "x");
    cb.onFailure(cb.tryAcquire(), "HTTP 503");
    assertEquals(State.OPEN, cb.state());
    assertNull(cb.tryAcquire());
    assertEquals(Availability.UNAVAILABLE, cb.availability());
    assertTrue(cb.describeOpen().contains("2 of the last 3 attempts failed (last: HTTP 503)"), cb.describeOpen());
  }

  @Test
  void onSuccess_oldFailuresSlideOutOfTheWindow_staysClosed() {
    CircuitBreaker cb = breaker(10_000);
    cb.onFailure(cb.tryAcquire(), "x");
    for (int i = 0; i < 4; i++) {
      cb.onSuccess(cb.tryAcquire());
    }
    cb.onFailure(cb.tryAcquire(), "x");
    assertEquals(State.CLOSED, cb.state(), "1 failure in the last 4 is below 50%");
  }

  @Test
  void tryAcquire_afterOpenDuration_grantsExactlyOneProbe() throws Exception {
    CircuitBreaker cb = breaker(50);
    cb.forceOpen(Duration.ofMillis(50), "quota");
    Thread.sleep(80);
    assertEquals(Availability.PROBING, cb.availability());
    assertEquals(Permit.PROBE, cb.tryAcquire());
    assertNull(cb.tryAcquire(), "a second request while the probe is out is refused");
  }

  @Test
  void onSuccess_ofProbe_closesTheCircuit() throws Exception {
    CircuitBreaker cb = breaker(30);
    cb.forceOpen(Duration.ofMillis(30), "x");
    Thread.sleep(50);
    cb.onSuccess(cb.tryAcquire());
    assertEquals(State.CLOSED, cb.state());
    assertEquals(Permit.NORMAL, cb.tryAcquire());
  }

  @Test
  void onFailure_ofProbe_opensAgain() throws Exception {
    CircuitBreaker cb = breaker(30);
    cb.forceOpen(Duration.ofMillis(30), "x");
    Thread.sleep(50);
    cb.onFailure(cb.tryAcquire(), "still down");
    assertEquals(State.OPEN, cb.state());
    assertNull(cb.tryAcquire());
  }

  @Test
  void onNeutral_ofProbe_letsAnotherProbeThrough() throws Exception {
    CircuitBreaker cb = breaker(30);
    cb.forceOpen(Duration.ofMillis(30), "x");
    Thread.sleep(50);
    cb.onNeutral(cb.tryAcquire());
    assertEquals(Permit.PROBE, cb.tryAcquire());
  }
}
