package dev.llmux.agent;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.TokenListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls the agent's routed backend made to each backend, in order, so that every model call
 * (a failed one the routed backend fell back from too) gets its own trajectory line.
 */
final class CallLog {

  /**
   * One call of one backend.
   *
   * @param backend the backend's name
   * @param simulated whether the backend is scripted ({@link SimulatedBackend})
   * @param at when the call started
   * @param millis how long it took
   * @param error the backend's error message, or {@code null} when it answered
   */
  record Call(String backend, boolean simulated, Instant at, double millis, String error) {

    /** A call no backend took: the routed backend had none left to choose. */
    static Call refused(String backend, String message) {
      return new Call(backend, false, Instant.now(), 0, message);
    }
  }

  private final List<Call> calls = new ArrayList<>();

  /** The backend, recording each of its calls here. */
  Backend observe(Backend backend) {
    return new Observed(backend, backend instanceof SimulatedBackend);
  }

  /** The backend (a wrapper of {@code original}), recording each of its calls here as {@code original}'s. */
  Backend observe(Backend backend, Backend original) {
    return new Observed(backend, original instanceof SimulatedBackend);
  }

  synchronized void clear() {
    calls.clear();
  }

  /** The calls since the last drain, oldest first; the log is empty afterwards. */
  synchronized List<Call> drain() {
    List<Call> out = List.copyOf(calls);
    calls.clear();
    return out;
  }

  private synchronized void add(Call c) {
    calls.add(c);
  }

  /** Delegates to a backend and records each call. */
  private final class Observed implements Backend {
    private final Backend delegate;
    private final boolean simulated;

    Observed(Backend delegate, boolean simulated) {
      this.delegate = delegate;
      this.simulated = simulated;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    /**
     * Answers through the backend, recording the call; a failure (a {@link BackendException}, or a
     * request this backend cannot take) is recorded and rethrown for the routed backend to fall back.
     */
    @Override
    public ChatResponse chat(ChatRequest request, TokenListener listener) {
      Instant at = Instant.now();
      long t0 = System.nanoTime();
      try {
        ChatResponse r = delegate.chat(request, listener);
        add(new Call(name(), simulated, at, millis(t0), null));
        return r;
      } catch (BackendException | InvalidRequestException e) {
        add(new Call(name(), simulated, at, millis(t0), e.getMessage()));
        throw e;
      }
    }

    @Override
    public BackendStats stats() {
      return delegate.stats();
    }

    private static double millis(long t0) {
      return (System.nanoTime() - t0) / 1e6;
    }
  }
}
