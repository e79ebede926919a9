import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

public class Graph {
  public static int[] order(int n, int[][] edges) {
    List<List<Integer>> next = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      next.add(new ArrayList<>());
    }
    int[] indegree = new int[n];
    for (int[] e : edges) {
      if (e[0] < 0 || e[0] >= n || e[1] < 0 || e[1] >= n) {
        throw new IllegalArgumentException("vertex out of range: " + e[0] + " -> " + e[1]);
      }
      next.get(e[0]).add(e[1]);
      indegree[e[1]]++;
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (indegree[i] == 0) {
        ready.add(i);
      }
    }
    int[] out = new int[n];
    int k = 0;
    while (!ready.isEmpty()) {
      int u = ready.poll();
      out[k++] = u;
      for (int v : next.get(u)) {
        if (--indegree[v] == 0) {
          ready.add(v);
        }
      }
    }
    if (k != n) {
      throw new IllegalArgumentException("the edges form a cycle");
    }
    return out;
  }
}
