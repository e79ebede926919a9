package dev.llmux.agent.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills a process and everything it started, and waits until they are gone. The process's output
 * streams stay open, so whatever it wrote before it ended can still be read to the end.
 */
final class ProcessTrees {

  private ProcessTrees() {}

  /**
   * Kills {@code p} and its descendants with SIGKILL. A snapshot of the tree is taken before the
   * first kill so that children reparented by their parent's death are still killed; the tree is
   * walked again until it is empty or five seconds have passed. With {@code groupKill} the
   * process group led by {@code p} is also killed (for runs without a PID namespace).
   *
   * <p>The kills go through {@link ProcessHandle}, never {@link Process#destroyForcibly()}: that
   * one also closes the process's streams, which throws away output that a draining thread has not
   * read yet (on a busy machine, the whole output of a program that already ended).
   */
  static void kill(Process p, boolean groupKill) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<ProcessHandle> seen = new ArrayList<>();
    do {
      List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
      seen.addAll(tree);
      if (groupKill && p.isAlive()) {
        killGroup(p.pid());
      }
      for (ProcessHandle h : tree) {
        h.destroyForcibly();
      }
      p.toHandle().destroyForcibly();
      if (groupKill) {
        killGroup(p.pid());
      }
      try {
        p.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    } while ((p.isAlive() || p.descendants().findAny().isPresent() || anyAlive(seen)) && System.nanoTime() < deadline);
  }

  private static boolean anyAlive(List<ProcessHandle> handles) {
    boolean alive = false;
    for (ProcessHandle h : handles) {
      if (h.isAlive()) {
        h.destroyForcibly();
        alive = true;
      }
    }
    return alive;
  }

  private static void killGroup(long pgid) {
    try {
      Process k = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true).start();
      k.getInputStream().readAllBytes();
      k.waitFor(2, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no kill binary or the group is gone: the per-process kills still run
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
