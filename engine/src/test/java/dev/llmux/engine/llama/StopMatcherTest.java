package dev.llmux.engine.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class StopMatcherTest {

  private static String feedAll(StopMatcher m, String... pieces) {
    StringBuilder sb = new StringBuilder();
    for (String p : pieces) {
      sb.append(m.feed(p));
    }
    if (!m.stopped()) {
      sb.append(m.drain());
    }
    return sb.toString();
  }

  @Test
  void feed_noStops_passesThrough() {
    StopMatcher m = new StopMatcher(List.of());
    assertEquals("abc", feedAll(m, "a", "b", "c"));
    assertFalse(m.stopped());
  }

  @Test
  void feed_stopSplitAcrossPieces_cutsBeforeStop() {
    StopMatcher m = new StopMatcher(List.of("END"));
    assertEquals("hello ", m.feed("hello E"));
    assertEquals("", m.feed("N"));
    assertEquals("", m.feed("Dtrailing"));
    assertTrue(m.stopped());
  }

  @Test
  void feed_partialPrefixThatDoesNotComplete_isReleased() {
    StopMatcher m = new StopMatcher(List.of("END"));
    assertEquals("x", m.feed("xE"));
    assertEquals("ENy", m.feed("Ny"));
    assertFalse(m.stopped());
  }

  @Test
  void feed_heldPrefixReleasedAtEnd_whenAnswerEnds() {
    StopMatcher m = new StopMatcher(List.of("###"));
    assertEquals("a", m.feed("a##"));
    assertFalse(m.stopped());
    assertEquals("##", m.drain());
  }

  @Test
  void feed_earliestOfSeveralStops_wins() {
    StopMatcher m = new StopMatcher(List.of("zz", "b"));
    assertEquals("a", m.feed("abzz"));
    assertTrue(m.stopped());
  }

  @Test
  void feed_afterStop_emitsNothing() {
    StopMatcher m = new StopMatcher(List.of("\n"));
    assertEquals("line", m.feed("line\nmore"));
    assertEquals("", m.feed("even more"));
  }
}
