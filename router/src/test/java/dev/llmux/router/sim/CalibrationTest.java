package dev.llmux.router.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.sim.Scenario.ByDifficulty;
import org.junit.jupiter.api.Test;

/** Checks the spread against the published aggregates it must reproduce (Aider's edit leaderboard). */
final class CalibrationTest {

  private static final ByDifficulty MIX = new ByDifficulty(0.4, 0.4, 0.2);
  private static final ByDifficulty LOGITS = new ByDifficulty(-2, 0, 2);

  private static double firstTry(ByDifficulty f) {
    return MIX.easy() * f.easy() + MIX.medium() * f.medium() + MIX.hard() * f.hard();
  }

  private static double withinTwo(ByDifficulty f, ByDifficulty r) {
    return MIX.easy() * (f.easy() + (1 - f.easy()) * r.easy())
        + MIX.medium() * (f.medium() + (1 - f.medium()) * r.medium())
        + MIX.hard() * (f.hard() + (1 - f.hard()) * r.hard());
  }

  @Test
  void spread_qwen32b_reproducesBothPublishedRates() {
    ByDifficulty[] s = Calibration.spread(0.594, 0.714, MIX, LOGITS);
    assertEquals(0.594, firstTry(s[0]), 1e-9);
    assertEquals(0.714, withinTwo(s[0], s[1]), 1e-9);
    assertTrue(s[0].easy() > s[0].medium() && s[0].medium() > s[0].hard());
    assertTrue(s[1].easy() > s[1].medium() && s[1].medium() > s[1].hard());
  }

  @Test
  void spread_noGainFromFeedback_givesRetryRatesOfZero() {
    ByDifficulty[] s = Calibration.spread(0.143, 0.143, MIX, LOGITS);
    assertEquals(0.143, firstTry(s[0]), 1e-9);
    assertEquals(0, s[1].easy());
    assertEquals(0, s[1].hard());
  }

  @Test
  void spread_publishedFigures_makeFeedbackHelpBigModelsMoreThanSmallOnes() {
    ByDifficulty[] q7 = Calibration.spread(0.519, 0.579, MIX, LOGITS);
    ByDifficulty[] q32 = Calibration.spread(0.594, 0.714, MIX, LOGITS);
    ByDifficulty[] sonnet = Calibration.spread(0.692, 0.842, MIX, LOGITS);
    assertTrue(q32[1].medium() > q7[1].medium(), q32[1] + " vs " + q7[1]);
    assertTrue(sonnet[1].hard() > q32[1].hard(), sonnet[1] + " vs " + q32[1]);
  }

  @Test
  void spread_impossibleFigures_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> Calibration.spread(0.6, 0.5, MIX, LOGITS));
    assertThrows(IllegalArgumentException.class, () -> Calibration.spread(-0.1, 0.5, MIX, LOGITS));
  }

  @Test
  void spread_perfectFirstTry_isOneEverywhere() {
    ByDifficulty[] s = Calibration.spread(1, 1, MIX, LOGITS);
    assertEquals(1, s[0].hard());
    assertEquals(1, s[1].hard());
  }
}
