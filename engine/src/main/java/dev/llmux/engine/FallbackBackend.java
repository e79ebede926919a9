package dev.llmux.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chain of backends for one role, first choice first (for example a local model, then a cloud
 * model): a request goes to the first backend, and to the next one when it fails. This is the
 * engine's fixed chain, for library users without the router; the product's multi-backend calls
 * go through the router's routed backend, whose {@code baseline.Always(first)} policy follows the
 * same order.
 *
 * <p>What the next backend is asked follows the one rule of {@link Continuation}: a failure before
 * any text gives the next backend the same request (plain fallback); a failure after some text
 * gives it the text so far to continue (prefix continuation, without the JSON schema); the deadline
 * and the token limit are the whole answer's. Every {@link BackendException} moves on, whether
 * retryable or not: an unavailable backend (circuit open, quota), a failing one, or one whose key
 * or model is wrong (401, 403, 404, which are logged as warnings since they need fixing). An {@link
 * InvalidRequestException} (a prompt beyond a local model's context, a request the provider
 * rejects, in its status or its stream) is thrown at once: the request is the problem, and a
 * fallback that answered anyway would hide it.
 *
 * <p>Works for any {@link Backend}, local or remote. It does not own its members: {@link #close()}
 * leaves them open, since one backend may sit in several chains.
 */
public final class FallbackBackend implements Backend {

  private static final Logger log = LoggerFactory.getLogger(FallbackBackend.class);

  private final String name;
  private final List<Backend> chain;
  private final LiveStats stats = new LiveStats();
  private volatile boolean closed;

  private FallbackBackend(String name, List<Backend> chain) {
    this.name = name;
    this.chain = chain;
  }

  /**
   * A chain called {@code name} over {@code chain}, first choice first.
   *
   * @throws ConfigException when the chain is empty or names a backend twice
   */
  public static FallbackBackend of(String name, List<? extends Backend> chain) {
    Objects.requireNonNull(name, "name");
    if (chain.isEmpty()) {
      throw new ConfigException("fallback chain '" + name + "' has no backends: give at least one");
    }
    List<String> names = new ArrayList<>();
    for (Backend b : chain) {
      if (names.contains(b.name())) {
        throw new ConfigException("fallback chain '" + name + "' names backend '" + b.name() + "' twice: list it once");
      }
      names.add(b.name());
    }
    return new FallbackBackend(name, List.copyOf(chain));
  }

  @Override
  public String name() {
    return name;
  }

  /** The backends, first choice first. */
  public List<Backend> chain() {
    return chain;
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      throw new BackendUnavailableException(name, "the fallback chain is closed", null);
    }
    stats.started();
    boolean ok = false;
    try {
      ChatResponse r = run(Continuation.start(request, listener));
      stats.succeeded(r.timings());
      ok = true;
      return r;
    } finally {
      if (!ok) {
        stats.failed();
      }
    }
  }

  private ChatResponse run(Continuation answer) {
    for (int i = 0; i < chain.size(); i++) {
      Backend b = chain.get(i);
      StopReason stop = answer.stopReason();
      if (stop != null) {
        return answer.end(stop, name);
      }
      ChatRequest req = answer.next();
      try {
        ChatResponse r = b.chat(req, answer.listener());
        if (answer.continuing()) {
          log.info("chain '{}': backend '{}' continued an answer of {} characters", name, b.name(),
              answer.text().length() - r.text().length());
        }
        return answer.answered(r);
      } catch (BackendException e) {
        answer.failed(b.name(), e);
        String next = i + 1 < chain.size() ? "'" + chain.get(i + 1).name() + "'" : "no backend (end of chain)";
        String mode = answer.text().isEmpty() ? "falling back to " : "continuing the " + answer.text().length()
            + " characters so far on ";
        if (e instanceof BackendUnavailableException || e.retryable()) {
          log.debug("chain '{}': {}; {}{}", name, e.getMessage(), mode, next);
        } else {
          log.warn("chain '{}': {} (this needs fixing); {}{}", name, e.getMessage(), mode, next);
        }
      }
    }
    throw answer.exhausted(name, null);
  }

  /**
   * The chain's figures: its own request counts and averages; available when any member is,
   * probing when the best member is probing, unavailable when all are.
   */
  @Override
  public BackendStats stats() {
    BackendStats.Availability best = BackendStats.Availability.UNAVAILABLE;
    if (!closed) {
      for (Backend b : chain) {
        BackendStats.Availability a = b.stats().availability();
        if (a.ordinal() < best.ordinal()) {
          best = a;
        }
      }
    }
    return stats.snapshot(best);
  }

  /** Marks the chain closed; its members stay open. */
  @Override
  public void close() {
    closed = true;
  }
}
