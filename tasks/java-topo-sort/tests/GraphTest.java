import java.util.Arrays;

public class GraphTest {
  static void testNoEdges() {
    eq("[0, 1, 2]", Arrays.toString(Graph.order(3, new int[0][])));
  }

  static void testChain() {
    eq("[2, 1, 0]", Arrays.toString(Graph.order(3, new int[][] {{2, 1}, {1, 0}})));
  }

  static void testSmallestFirst() {
    eq("[0, 2, 3, 1]", Arrays.toString(Graph.order(4, new int[][] {{3, 1}, {0, 1}, {2, 3}})));
    eq("[1, 3, 0, 2]", Arrays.toString(Graph.order(4, new int[][] {{1, 0}, {3, 0}, {0, 2}})));
  }

  static void testCycle() {
    expectIllegal(() -> Graph.order(3, new int[][] {{0, 1}, {1, 2}, {2, 0}}));
    expectIllegal(() -> Graph.order(2, new int[][] {{1, 1}}));
  }

  static void testBadVertex() {
    expectIllegal(() -> Graph.order(2, new int[][] {{0, 2}}));
    expectIllegal(() -> Graph.order(2, new int[][] {{-1, 0}}));
  }

  static void testDuplicateEdges() {
    eq("[0, 1]", Arrays.toString(Graph.order(2, new int[][] {{0, 1}, {0, 1}})));
  }

  static void testLarge() {
    int n = 200_000;
    int[][] edges = new int[n - 1][];
    for (int i = 0; i < n - 1; i++) {
      edges[i] = new int[] {n - 1 - i, n - 2 - i};
    }
    int[] order = Graph.order(n, edges);
    eq(n - 1, order[0]);
    eq(0, order[n - 1]);
  }

  private static void expectIllegal(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      return;
    }
    throw new AssertionError("expected IllegalArgumentException");
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
