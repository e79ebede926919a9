import java.util.Arrays;
import java.util.PriorityQueue;

public class Dijkstra {
  public static long[] distances(int n, int[][] edges, int source) {
    int[] count = new int[n + 1];
    for (int[] e : edges) {
      if (e[0] < 0 || e[0] >= n || e[1] < 0 || e[1] >= n) {
        throw new IllegalArgumentException("vertex out of range");
      }
      if (e[2] < 0) {
        throw new IllegalArgumentException("negative weight");
      }
      count[e[0] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      count[i + 1] += count[i];
    }
    int[] to = new int[edges.length];
    int[] weight = new int[edges.length];
    int[] fill = Arrays.copyOf(count, n);
    for (int[] e : edges) {
      int slot = fill[e[0]]++;
      to[slot] = e[1];
      weight[slot] = e[2];
    }
    long[] dist = new long[n];
    Arrays.fill(dist, Long.MAX_VALUE);
    dist[source] = 0;
    PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    queue.add(new long[] {0, source});
    while (!queue.isEmpty()) {
      long[] top = queue.poll();
      int u = (int) top[1];
      if (top[0] > dist[u]) {
        continue;
      }
      for (int k = count[u]; k < count[u + 1]; k++) {
        long nd = dist[u] + weight[k];
        if (nd < dist[to[k]]) {
          dist[to[k]] = nd;
          queue.add(new long[] {nd, to[k]});
        }
      }
    }
    return dist;
  }
}
