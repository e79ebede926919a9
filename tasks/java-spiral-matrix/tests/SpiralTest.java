import java.util.List;

public class SpiralTest {
  static void testSquare() {
    eq(List.of(1, 2, 3, 6, 9, 8, 7, 4, 5), Spiral.order(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}));
  }

  static void testWide() {
    eq(List.of(1, 2, 3, 4, 8, 7, 6, 5), Spiral.order(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}));
  }

  static void testTall() {
    eq(List.of(1, 2, 4, 6, 5, 3), Spiral.order(new int[][] {{1, 2}, {3, 4}, {5, 6}}));
  }

  static void testSingleRowAndColumn() {
    eq(List.of(1, 2, 3), Spiral.order(new int[][] {{1, 2, 3}}));
    eq(List.of(1, 2, 3), Spiral.order(new int[][] {{1}, {2}, {3}}));
  }

  static void testEmpty() {
    eq(List.of(), Spiral.order(new int[0][0]));
    eq(List.of(), Spiral.order(new int[][] {{}}));
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
