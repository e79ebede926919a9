import java.util.Arrays;
import java.util.Random;

public class DijkstraTest {
  static void testTriangle() {
    long[] d = Dijkstra.distances(3, new int[][] {{0, 1, 5}, {0, 2, 1}, {2, 1, 2}}, 0);
    eq("[0, 3, 1]", Arrays.toString(d));
  }

  static void testDirected() {
    long[] d = Dijkstra.distances(2, new int[][] {{1, 0, 1}}, 0);
    eq(Long.MAX_VALUE, d[1]);
  }

  static void testUnreachableAndSelf() {
    long[] d = Dijkstra.distances(4, new int[][] {{0, 1, 0}, {2, 3, 1}}, 0);
    eq("[0, 0, " + Long.MAX_VALUE + ", " + Long.MAX_VALUE + "]", Arrays.toString(d));
  }

  static void testLongDistances() {
    int big = Integer.MAX_VALUE;
    long[] d = Dijkstra.distances(3, new int[][] {{0, 1, big}, {1, 2, big}}, 0);
    eq(2L * big, d[2]);
  }

  static void testErrors() {
    expectIllegal(() -> Dijkstra.distances(2, new int[][] {{0, 1, -1}}, 0));
    expectIllegal(() -> Dijkstra.distances(2, new int[][] {{0, 5, 1}}, 0));
  }

  static void testAgainstBellmanFord() {
    Random rnd = new Random(7);
    for (int round = 0; round < 20; round++) {
      int n = 30;
      int[][] edges = new int[120][];
      for (int i = 0; i < edges.length; i++) {
        edges[i] = new int[] {rnd.nextInt(n), rnd.nextInt(n), rnd.nextInt(50)};
      }
      long[] expected = new long[n];
      Arrays.fill(expected, Long.MAX_VALUE);
      expected[0] = 0;
      for (int it = 0; it < n; it++) {
        for (int[] e : edges) {
          if (expected[e[0]] != Long.MAX_VALUE && expected[e[0]] + e[2] < expected[e[1]]) {
            expected[e[1]] = expected[e[0]] + e[2];
          }
        }
      }
      eq(Arrays.toString(expected), Arrays.toString(Dijkstra.distances(n, edges, 0)));
    }
  }

  static void testLarge() {
    int n = 100_000;
    Random rnd = new Random(1);
    int[][] edges = new int[500_000][];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = new int[] {rnd.nextInt(n), rnd.nextInt(n), rnd.nextInt(1000)};
    }
    long[] d = Dijkstra.distances(n, edges, 0);
    eq(0L, d[0]);
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
