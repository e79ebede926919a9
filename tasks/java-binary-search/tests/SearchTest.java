public class SearchTest {
  static final int[] A = {1, 2, 2, 2, 5, 7, 9};

  static void testLowerBound() {
    eq(0, Search.lowerBound(A, 0));
    eq(1, Search.lowerBound(A, 2));
    eq(4, Search.lowerBound(A, 3));
    eq(7, Search.lowerBound(A, 10));
  }

  static void testUpperBound() {
    eq(0, Search.upperBound(A, 0));
    eq(4, Search.upperBound(A, 2));
    eq(7, Search.upperBound(A, 9));
  }

  static void testCount() {
    eq(3, Search.count(A, 2));
    eq(0, Search.count(A, 3));
    eq(1, Search.count(A, 9));
  }

  static void testEmpty() {
    eq(0, Search.lowerBound(new int[0], 5));
    eq(0, Search.upperBound(new int[0], 5));
    eq(0, Search.count(new int[0], 5));
  }

  static void testExtremes() {
    int[] b = {Integer.MIN_VALUE, 0, Integer.MAX_VALUE};
    eq(0, Search.lowerBound(b, Integer.MIN_VALUE));
    eq(3, Search.upperBound(b, Integer.MAX_VALUE));
    eq(1, Search.count(b, Integer.MAX_VALUE));
  }

  static void testLarge() {
    int[] big = new int[1_000_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = i / 3;
    }
    long sum = 0;
    for (int k = 0; k < 200_000; k++) {
      sum += Search.count(big, k);
    }
    eq(600_000L, sum);
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
