package dev.llmux.engine.llama;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a program that embeds llmux exit by itself although the binding's serving threads keep the
 * JVM alive.
 *
 * <p>The cause, read from de.kherud:llama 4.2.0's {@code jllama.cpp} ({@code loadModel}): each
 * loaded model starts a native {@code std::thread} that runs llama.cpp's task loop and attaches
 * itself with {@code AttachCurrentThread}, so it becomes the non-daemon Java thread
 * {@code Thread-N}. {@code delete()} (our {@code close()}) ends the loop, but the thread then ends
 * without {@code DetachCurrentThread}, so the JVM still counts it as a live non-daemon thread for
 * ever; and a model that was never closed (the program died of an uncaught exception) keeps its
 * loop running. Either way {@code DestroyJavaVM}, which the launcher calls when {@code main}
 * returns, waits for ever. The native code cannot be changed from Java and a thread cannot be
 * made a daemon once started, so llmux watches instead.
 *
 * <p>A daemon thread ({@code llmux-exit-guard}) waits for the main thread to end, then checks a few
 * times a second: once the JVM is being destroyed (a thread named {@code DestroyJavaVM} is alive)
 * and every other live non-daemon thread is one of these serving threads (seen to appear during a
 * model load, with no Java frames on its stack), it calls {@link System#exit} with the status the
 * launcher would have returned: 1 when {@code main} died of an uncaught exception, else 0. Shutdown
 * hooks run as usual. A program that still runs non-daemon threads of its own is left alone.
 * {@code -Dllmux.exitGuard=false} turns the guard off (the JVM then hangs after {@code main} as
 * the binding makes it; only for programs that end the JVM themselves).
 */
final class ExitGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);
  private static final long POLL_MILLIS = 100;
  private static final long APPEAR_MILLIS = 2_000;
  private static final Set<Thread> SERVING = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private static volatile boolean mainFailed;
  private static Thread guard;

  private ExitGuard() {}

  /** The live non-daemon threads now, to compare with after a load. */
  static Set<Thread> nonDaemonThreads() {
    Set<Thread> out = new HashSet<>();
    for (Thread t : allThreads()) {
      if (t.isAlive() && !t.isDaemon()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Records the serving thread(s) that appeared since {@code before} (waiting up to two seconds for
   * the native thread to attach) and starts the guard once.
   */
  static void afterLoad(Set<Thread> before) {
    long until = System.nanoTime() + APPEAR_MILLIS * 1_000_000;
    boolean found = false;
    while (!found && System.nanoTime() < until) {
      for (Thread t : nonDaemonThreads()) {
        if (!before.contains(t) && looksNative(t)) {
          SERVING.add(t);
          found = true;
        }
      }
      if (!found) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (!found) {
      LOG.debug("no new llama.cpp serving thread seen after the load; the exit guard cannot recognise it");
    }
    start();
  }

  /** Whether {@code t} is a thread attached from native code that runs no Java code now. */
  private static boolean looksNative(Thread t) {
    return t.getName().startsWith("Thread-") && t.getStackTrace().length == 0;
  }

  private static synchronized void start() {
    if (guard != null || "false".equals(System.getProperty("llmux.exitGuard"))) {
      return;
    }
    Thread main = findMain();
    if (main != null && main.getUncaughtExceptionHandler() == main.getThreadGroup()) {
      ThreadGroup group = main.getThreadGroup();
      main.setUncaughtExceptionHandler((t, e) -> {
        mainFailed = true;
        group.uncaughtException(t, e); // the default behaviour: the default handler or the stack trace
      });
    }
    guard = new Thread(() -> watch(main), "llmux-exit-guard");
    guard.setDaemon(true);
    guard.start();
  }

  private static void watch(Thread main) {
    try {
      if (main != null) {
        main.join();
      }
      while (true) {
        if (onlyServingThreadsHoldTheJvm()) {
          LOG.debug("main has ended and only llama.cpp's serving threads keep the JVM alive: exiting");
          System.exit(mainFailed ? 1 : 0);
          return;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the JVM is being destroyed and waits for nothing but serving threads. */
  static boolean onlyServingThreadsHoldTheJvm() {
    boolean destroying = false;
    boolean serving = false;
    for (Thread t : allThreads()) {
      if (!t.isAlive() || t.isDaemon()) {
        continue;
      }
      if (t.getName().equals("DestroyJavaVM")) {
        destroying = true;
      } else if (SERVING.contains(t) && t.getStackTrace().length == 0) {
        serving = true;
      } else {
        return false;
      }
    }
    return destroying && serving;
  }

  private static Thread findMain() {
    for (Thread t : allThreads()) {
      if (t.getId() == 1 && t.getName().equals("main") && t.isAlive()) {
        return t;
      }
    }
    return null;
  }

  private static List<Thread> allThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n;
    while ((n = root.enumerate(threads, true)) == threads.length) {
      threads = new Thread[threads.length * 2];
    }
    List<Thread> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(threads[i]);
    }
    return out;
  }
}
