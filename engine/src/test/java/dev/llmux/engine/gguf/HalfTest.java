package dev.llmux.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Half floats against IEEE 754 binary16: every value, and round-to-nearest-even between every pair. */
final class HalfTest {

  /** The value of half bits {@code h} by the definition of binary16, in double precision. */
  private static double reference(int h) {
    int sign = (h & 0x8000) != 0 ? -1 : 1;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0) {
      return sign * Math.scalb((double) mantissa, -24);
    }
    return sign * Math.scalb(1 + mantissa / 1024.0, exponent - 15);
  }

  @Test
  void toFloat_everyFiniteHalf_matchesTheDefinition() {
    for (int h = 0; h < 0x10000; h++) {
      if (((h >>> 10) & 0x1f) == 31) {
        continue;
      }
      assertEquals(reference(h), Half.toFloat((short) h), 0.0, "half 0x" + Integer.toHexString(h));
    }
  }

  @Test
  void toFloat_infinityAndNan_keepTheirMeaning() {
    assertEquals(Float.POSITIVE_INFINITY, Half.toFloat((short) 0x7c00));
    assertEquals(Float.NEGATIVE_INFINITY, Half.toFloat((short) 0xfc00));
    assertTrue(Float.isNaN(Half.toFloat((short) 0x7e00)));
  }

  @Test
  void fromFloat_everyHalfValue_roundTripsExactly() {
    for (int h = 0; h < 0x10000; h++) {
      if (((h >>> 10) & 0x1f) == 31 && (h & 0x3ff) != 0) {
        continue;
      }
      assertEquals((short) h, Half.fromFloat(Half.toFloat((short) h)), "half 0x" + Integer.toHexString(h));
    }
  }

  @Test
  void fromFloat_betweenNeighbours_roundsToNearestEven() {
    for (int h = 0; h < 0x7bff; h++) {
      float lo = Half.toFloat((short) h);
      float hi = Half.toFloat((short) (h + 1));
      float mid = (lo + hi) / 2;
      int even = (h & 1) == 0 ? h : h + 1;
      assertEquals((short) even, Half.fromFloat(mid), "midpoint above 0x" + Integer.toHexString(h));
      assertEquals((short) h, Half.fromFloat(Math.nextDown(mid)), "below the midpoint above 0x" + Integer.toHexString(h));
      assertEquals((short) (h + 1), Half.fromFloat(Math.nextUp(mid)), "above the midpoint above 0x" + Integer.toHexString(h));
      assertEquals((short) (h | 0x8000), Half.fromFloat(-lo), "negative 0x" + Integer.toHexString(h));
    }
  }

  @Test
  void fromFloat_outOfRange_givesInfinityOrZero() {
    assertEquals((short) 0x7bff, Half.fromFloat(65504f));
    assertEquals((short) 0x7bff, Half.fromFloat(Math.nextDown(65520f)));
    assertEquals((short) 0x7c00, Half.fromFloat(65520f));
    assertEquals((short) 0xfc00, Half.fromFloat(-1e9f));
    assertEquals((short) 0, Half.fromFloat(0x1p-25f));
    assertEquals((short) 1, Half.fromFloat(Math.nextUp(0x1p-25f)));
    assertEquals((short) 0x8000, Half.fromFloat(-1e-30f));
    assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(Float.NaN))));
  }
}
