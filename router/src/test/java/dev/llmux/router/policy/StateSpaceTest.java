package dev.llmux.router.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class StateSpaceTest {

  @Test
  void request_everyFeatureCombination_decodesBackToItsFeatures() {
    Set<Integer> seen = new HashSet<>();
    int[] prompts = {10, 3000, 9000};
    for (Difficulty d : Difficulty.values()) {
      for (int attempt = 0; attempt < 4; attempt++) {
        for (LastOutcome o : LastOutcome.values()) {
          for (int p = 0; p < 3; p++) {
            int r = StateSpace.request(d, attempt, o, prompts[p]);
            assertTrue(r >= 0 && r < StateSpace.REQUEST_STATES);
            assertEquals(d, StateSpace.difficulty(r));
            assertEquals(attempt, StateSpace.attemptBucket(r));
            assertEquals(o, StateSpace.lastOutcome(r));
            assertEquals(p, StateSpace.promptBucket(r));
            seen.add(r);
          }
        }
      }
    }
    assertEquals(StateSpace.REQUEST_STATES, seen.size());
  }

  @Test
  void request_attemptsFromThreeOn_shareTheLastBucket() {
    assertEquals(StateSpace.request(Difficulty.HARD, 3, LastOutcome.TESTS_FAILED, 0),
        StateSpace.request(Difficulty.HARD, 17, LastOutcome.TESTS_FAILED, 0));
    assertNotEquals(StateSpace.request(Difficulty.HARD, 2, LastOutcome.TESTS_FAILED, 0),
        StateSpace.request(Difficulty.HARD, 3, LastOutcome.TESTS_FAILED, 0));
  }

  @Test
  void request_promptSizes_fallInTheDocumentedBuckets() {
    assertEquals(0, StateSpace.promptBucket(StateSpace.request(Difficulty.EASY, 0, LastOutcome.NONE, 2047)));
    assertEquals(1, StateSpace.promptBucket(StateSpace.request(Difficulty.EASY, 0, LastOutcome.NONE, 2048)));
    assertEquals(1, StateSpace.promptBucket(StateSpace.request(Difficulty.EASY, 0, LastOutcome.NONE, 8191)));
    assertEquals(2, StateSpace.promptBucket(StateSpace.request(Difficulty.EASY, 0, LastOutcome.NONE, 8192)));
  }

  @Test
  void key_dependsOnlyOnTheChosenBackendsRegime() {
    StateSpace space = new StateSpace(3);
    int r = StateSpace.request(Difficulty.HARD, 0, LastOutcome.NONE, 100);
    int allNormal = space.state(r, 0b000);
    int middleSlow = space.state(r, 0b010);
    assertEquals(space.key(allNormal, 0), space.key(middleSlow, 0));
    assertEquals(space.key(allNormal, 2), space.key(middleSlow, 2));
    assertNotEquals(space.key(allNormal, 1), space.key(middleSlow, 1));
    assertTrue(StateSpace.slow(middleSlow, 1));
    assertFalse(StateSpace.slow(middleSlow, 0));
    assertEquals(r, StateSpace.requestOf(middleSlow));
    assertEquals(0b010, StateSpace.slowMaskOf(middleSlow));
  }

  @Test
  void key_coversEveryKeyExactlyOnce() {
    StateSpace space = new StateSpace(2);
    Set<Integer> keys = new HashSet<>();
    for (int state = 0; state < space.states(); state++) {
      for (int a = 0; a < 2; a++) {
        int k = space.key(state, a);
        assertTrue(k >= 0 && k < space.keys());
        keys.add(k);
      }
    }
    assertEquals(space.keys(), keys.size());
  }

  @Test
  void describe_namesTheFeaturesAndTheSlowBackends() {
    StateSpace space = new StateSpace(3);
    int state = space.state(StateSpace.request(Difficulty.HARD, 1, LastOutcome.TESTS_FAILED, 100), 0b100);
    assertEquals("hard, attempt 1, tests failed, small prompt, slow: strong",
        space.describe(state, List.of("fast", "balanced", "strong")));
  }

  @Test
  void constructor_tooManyBackends_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new StateSpace(StateSpace.MAX_BACKENDS + 1));
    assertThrows(IllegalArgumentException.class, () -> new StateSpace(0));
  }
}
