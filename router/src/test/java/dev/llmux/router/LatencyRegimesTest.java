package dev.llmux.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.BackendStats;
import dev.llmux.engine.LiveStats;
import dev.llmux.engine.Timings;
import dev.llmux.router.policy.RouterSettings;
import org.junit.jupiter.api.Test;

/** Drives the regimes with a real {@link LiveStats}, as a backend would. */
final class LatencyRegimesTest {

  private static final long SECOND = 1_000_000_000L;
  private final RouterSettings.Regimes settings = new RouterSettings.Regimes(1.5, 0.1, 60, 240);
  private final LiveStats live = new LiveStats();
  private final LatencyRegimes regimes = new LatencyRegimes(1, settings);
  private long now;

  private void answer(double ttftMillis, double tokensPerSecond) {
    live.started();
    live.succeeded(new Timings(ttftMillis, tokensPerSecond, ttftMillis + 1000));
    now += SECOND;
    regimes.observe(0, live.snapshot(BackendStats.Availability.AVAILABLE), now);
  }

  @Test
  void observe_answersSlowerThanTheBaselineByTheRatio_markSlow() {
    for (int i = 0; i < 5; i++) {
      answer(500, 40);
    }
    assertFalse(regimes.slow(0, now));
    answer(2000, 40);
    assertTrue(regimes.slow(0, now), "one answer at 4x the time to first token moves the EWMA past 1.5x");
  }

  @Test
  void observe_slowerDecodeAlone_marksSlow() {
    for (int i = 0; i < 5; i++) {
      answer(500, 40);
    }
    answer(500, 10);
    answer(500, 10);
    assertFalse(regimes.slow(0, now), "two answers move the EWMA speed only to 29.2 of the 26.7 limit");
    answer(500, 10);
    assertTrue(regimes.slow(0, now));
  }

  @Test
  void observe_slowAnswers_leaveTheBaselineAlone() {
    answer(500, 40);
    for (int i = 0; i < 30; i++) {
      answer(3000, 10);
    }
    assertEquals(500, regimes.baselineTimeToFirstTokenMillis(0), 1e-6);
    assertEquals(40, regimes.baselineTokensPerSecond(0), 1e-6);
  }

  @Test
  void slow_verdictWithoutFreshAnswers_expiresAndOneNormalProbeRestoresNormal() {
    for (int i = 0; i < 5; i++) {
      answer(500, 40);
    }
    for (int i = 0; i < 5; i++) {
      answer(3000, 10);
    }
    assertTrue(regimes.slow(0, now + 59 * SECOND));
    assertFalse(regimes.slow(0, now + 61 * SECOND), "no answer for 60 s: tried again");
    now += 60 * SECOND;
    answer(520, 39);
    assertFalse(regimes.slow(0, now), "the probe restarted the average: back to normal at once");
    answer(510, 40);
    assertFalse(regimes.slow(0, now));
  }

  @Test
  void slow_probesThatFindItStillSlow_doubleTheWaitUpToTheMaximum() {
    for (int i = 0; i < 5; i++) {
      answer(500, 40);
    }
    answer(3000, 10);
    assertEquals(60, regimes.probeAfterSeconds(0), 1e-9);
    now += 60 * SECOND;
    answer(3000, 10);
    assertTrue(regimes.slow(0, now));
    assertEquals(120, regimes.probeAfterSeconds(0), 1e-9);
    now += 120 * SECOND;
    answer(3000, 10);
    now += 240 * SECOND;
    answer(3000, 10);
    assertEquals(240, regimes.probeAfterSeconds(0), 1e-9, "capped");
    now += 240 * SECOND;
    answer(500, 40);
    assertFalse(regimes.slow(0, now));
    assertEquals(60, regimes.probeAfterSeconds(0), 1e-9, "a normal answer resets the wait");
  }

  @Test
  void observe_severalAnswersBetweenLooks_recoversTheirMean() {
    answer(500, 40);
    for (int i = 0; i < 3; i++) {
      live.started();
      live.succeeded(new Timings(2000, 40, 3000));
    }
    regimes.observe(0, live.snapshot(BackendStats.Availability.AVAILABLE), now + SECOND);
    assertTrue(regimes.slow(0, now + SECOND));
  }

  @Test
  void observe_noNewAnswer_changesNothing() {
    answer(500, 40);
    regimes.observe(0, new BackendStats(0, 1, 9000, 1, 0, BackendStats.Availability.AVAILABLE), now + SECOND);
    assertFalse(regimes.slow(0, now + SECOND));
  }
}
