package dev.llmux.router.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class PolicyStateTest {

  private final PolicyState state = PolicyState.builder()
      .integer("episodes", 7)
      .number("epsilon", 0.25)
      .counts("visits", new long[] {0, 3})
      .numbers("q", new double[] {0.5, -1})
      .build();

  @Test
  void accessors_savedValues_comeBackAsTheyWent() {
    assertEquals(7, state.integer("episodes", 0));
    assertEquals(0.25, state.number("epsilon"));
    assertArrayEquals(new long[] {0, 3}, state.counts("visits", 2));
    assertArrayEquals(new double[] {0.5, -1}, state.numbers("q", 2));
    assertEquals(0, state.integer("missing", 0));
    assertTrue(PolicyState.EMPTY.isEmpty());
  }

  @Test
  void numbers_tableOfWholeNumbers_isReadAsNumbers() {
    assertArrayEquals(new double[] {0, 3}, state.numbers("visits", 2));
  }

  @Test
  void counts_fractionOrNegative_namesTheEntry() {
    PolicyState s = PolicyState.builder().numbers("a", new double[] {1, 2.5}).counts("b", new long[] {4, -1}).build();
    assertEquals("state.a[1] must be a count, 0 or more",
        assertThrows(IllegalArgumentException.class, () -> s.counts("a", 2)).getMessage());
    assertEquals("state.b[1] must be a count, 0 or more",
        assertThrows(IllegalArgumentException.class, () -> s.counts("b", 2)).getMessage());
  }

  @Test
  void numbers_nonFinite_namesTheEntry() {
    PolicyState s = PolicyState.builder().numbers("q", new double[] {1, Double.NaN}).build();
    assertEquals("state.q[1] must be a finite number",
        assertThrows(IllegalArgumentException.class, () -> s.numbers("q", 2)).getMessage());
  }

  @Test
  void tables_wrongLengthOrMissing_sayWhatWasExpected() {
    assertEquals("state.q must be an array of 3 entries, it has 2",
        assertThrows(IllegalArgumentException.class, () -> state.numbers("q", 3)).getMessage());
    assertEquals("state.x must be an array of 3 entries",
        assertThrows(IllegalArgumentException.class, () -> state.counts("x", 3)).getMessage());
    assertEquals("state.q must be a number",
        assertThrows(IllegalArgumentException.class, () -> state.number("q")).getMessage());
  }

  @Test
  void builder_copiesTablesAndRefusesANameTwice() {
    long[] counts = {1, 2};
    PolicyState s = PolicyState.builder().counts("c", counts).build();
    counts[0] = 99;
    assertEquals(1, s.counts("c", 2)[0]);
    s.counts("c", 2)[1] = 99;
    assertEquals(2, s.counts("c", 2)[1]);
    assertThrows(IllegalArgumentException.class, () -> PolicyState.builder().integer("a", 1).number("a", 2));
  }
}
