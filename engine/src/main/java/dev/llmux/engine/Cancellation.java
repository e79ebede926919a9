package dev.llmux.engine;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * A flag that any thread may raise to stop a request early. One cancellation may be shared by
 * several requests (everything an agent step started, say).
 */
public final class Cancellation {

  private volatile boolean cancelled;
  private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

  /** Creates a cancellation that is not raised. */
  public Cancellation() {}

  /** Raises the flag and runs the registered callbacks once. Safe to call from any thread. */
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    for (Runnable r : callbacks) {
      r.run();
    }
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Registers a callback run when the flag is raised (at once if it already is). Backends use it
   * to wake a waiting request.
   */
  public void onCancel(Runnable callback) {
    callbacks.add(callback);
    if (cancelled) {
      callback.run();
    }
  }
}
