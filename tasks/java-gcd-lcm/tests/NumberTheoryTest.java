public class NumberTheoryTest {
  static void testGcdBasics() {
    eq(6L, NumberTheory.gcd(12, 18));
    eq(1L, NumberTheory.gcd(17, 5));
  }

  static void testGcdZeroAndSigns() {
    eq(0L, NumberTheory.gcd(0, 0));
    eq(7L, NumberTheory.gcd(0, 7));
    eq(4L, NumberTheory.gcd(-8, 12));
    eq(4L, NumberTheory.gcd(8, -12));
  }

  static void testLcmBasics() {
    eq(36L, NumberTheory.lcm(12, 18));
    eq(85L, NumberTheory.lcm(17, 5));
  }

  static void testLcmZeroAndSigns() {
    eq(0L, NumberTheory.lcm(0, 9));
    eq(24L, NumberTheory.lcm(-8, 12));
  }

  static void testLcmNoOverflow() {
    long big = 3_000_000_000L;
    eq(6_000_000_000L, NumberTheory.lcm(big, 2_000_000_000L));
  }

  private static void eq(Object expected, Object actual) {
    if (!java.util.Objects.equals(expected, actual)) {
      throw new AssertionError("expected " + expected + " but got " + actual);
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
