package dev.llmux.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.BackendStats;
import org.junit.jupiter.api.Test;

final class LatencyRegimesTest {

  private static final long SECOND = 1_000_000_000L;
  private final RouterSettings.Regimes settings = new RouterSettings.Regimes(1.5, 0.1, 60);

  private static BackendStats stats(long completed, double ttftMillis, double tps) {
    return new BackendStats(0, completed, ttftMillis, tps, 0, BackendStats.Availability.AVAILABLE);
  }

  @Test
  void observe_slowerThanBaselineByTheRatio_marksSlow() {
    LatencyRegimes r = new LatencyRegimes(1, settings);
    r.observe(0, stats(1, 500, 40), 0);
    assertFalse(r.slow(0, 0));
    r.observe(0, stats(2, 520, 39), SECOND);
    assertFalse(r.slow(0, SECOND));
    r.observe(0, stats(3, 900, 38), 2 * SECOND);
    assertTrue(r.slow(0, 2 * SECOND), "time to first token 1.8x the baseline");
    r.observe(0, stats(4, 510, 20), 3 * SECOND);
    assertTrue(r.slow(0, 3 * SECOND), "decode speed half the baseline");
  }

  @Test
  void observe_slowFigures_leaveTheBaselineAlone() {
    LatencyRegimes r = new LatencyRegimes(1, settings);
    r.observe(0, stats(1, 500, 40), 0);
    for (int i = 2; i < 50; i++) {
      r.observe(0, stats(i, 3000, 10), i * SECOND);
    }
    assertEquals(500, r.baselineTimeToFirstTokenMillis(0), 1e-9);
    assertEquals(40, r.baselineTokensPerSecond(0), 1e-9);
  }

  @Test
  void slow_verdictWithoutFreshAnswers_expiresAfterProbeAfterSeconds() {
    LatencyRegimes r = new LatencyRegimes(1, settings);
    r.observe(0, stats(1, 500, 40), 0);
    r.observe(0, stats(2, 2000, 40), 10 * SECOND);
    assertTrue(r.slow(0, 69 * SECOND));
    assertFalse(r.slow(0, 71 * SECOND), "no answer for 60 s: tried again");
  }

  @Test
  void observe_sameCompletedCount_changesNothing() {
    LatencyRegimes r = new LatencyRegimes(1, settings);
    r.observe(0, stats(1, 500, 40), 0);
    r.observe(0, stats(1, 5000, 4), SECOND);
    assertFalse(r.slow(0, SECOND));
  }
}
