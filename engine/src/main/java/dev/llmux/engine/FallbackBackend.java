package dev.llmux.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chain of backends for one role, first choice first (for example a local model, then a cloud
 * model): a request goes to the first backend, and to the next one when it fails.
 *
 * <p>Rules:
 * <ul>
 *   <li>A failure before any text reached the caller: the next backend answers the same request
 *       (plain fallback).</li>
 *   <li>A failure after some text: the next backend gets the conversation plus an assistant message
 *       holding the partial text, and continues it (prefix continuation; for a raw prompt, the
 *       partial text is appended to the prompt). The caller's listener keeps receiving text as if
 *       from one backend; the final text is the prefix plus the continuation, and
 *       {@link ChatResponse#servedBy()} names every backend that produced part of it. A
 *       continuation carries no JSON schema (a schema constrains a whole answer, not its end), so
 *       a JSON answer joined this way must be validated by the caller.</li>
 *   <li>Every {@link BackendException} moves on, whether retryable or not: an unavailable backend
 *       (circuit open, quota), a failing one, or one whose key or model is wrong (401, 403, 404,
 *       which are logged as warnings since they need fixing). An {@link InvalidRequestException}
 *       (the provider rejected the request itself, 400 or 422) is thrown at once: the next backend
 *       would be sent the same request.</li>
 *   <li>Cancellation and the request's deadline end the chain with the text so far, as for any
 *       backend; each backend gets the time that is left.</li>
 * </ul>
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
      ChatResponse r = new Attempt(request, listener).run();
      stats.succeeded(r.timings());
      ok = true;
      return r;
    } finally {
      if (!ok) {
        stats.failed();
      }
    }
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

  /** One request going down the chain. */
  private final class Attempt implements TokenListener {
    private final ChatRequest request;
    private final TokenListener listener;
    private final long start = System.nanoTime();
    private final long deadline;
    private final StringBuilder text = new StringBuilder();
    private int pieces;
    private long firstTokenNanos;

    Attempt(ChatRequest request, TokenListener listener) {
      this.request = request;
      this.listener = listener;
      this.deadline = request.timeout() == null ? Long.MAX_VALUE : start + request.timeout().toNanos();
    }

    @Override
    public void onText(String piece) {
      if (!piece.isEmpty()) {
        if (pieces == 0) {
          firstTokenNanos = System.nanoTime();
        }
        pieces++;
        text.append(piece);
      }
      listener.onText(piece);
    }

    ChatResponse run() {
      List<String> servedBy = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      BackendException last = null;
      for (int i = 0; i < chain.size(); i++) {
        Backend b = chain.get(i);
        if (request.cancellation().isCancelled() || Thread.currentThread().isInterrupted()) {
          return partial(StopReason.CANCELLED, servedBy);
        }
        long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
        if (left <= 0) {
          return partial(StopReason.DEADLINE, servedBy);
        }
        String prefix = text.toString();
        int prefixPieces = pieces;
        ChatRequest req = prefix.isEmpty() ? withTimeLeft(request, left) : continuation(prefix, prefixPieces, left);
        try {
          ChatResponse r = b.chat(req, this);
          servedBy.addAll(r.servedBy());
          if (!prefix.isEmpty()) {
            log.info("chain '{}': backend '{}' continued an answer of {} characters", name, b.name(), prefix.length());
          }
          String full = prefix + r.text();
          Usage u = new Usage(r.usage().promptTokens(), r.usage().completionTokens() + prefixPieces);
          long end = System.nanoTime();
          return new ChatResponse(full, r.stopReason(), u, Timings.of(start, firstTokenNanos, end, u.completionTokens()),
              r.backend(), servedBy);
        } catch (BackendException e) {
          last = e;
          failures.add(e.getMessage());
          boolean producedText = text.length() > prefix.length();
          if (producedText) {
            servedBy.add(b.name());
          }
          String next = i + 1 < chain.size() ? "'" + chain.get(i + 1).name() + "'" : "no backend (end of chain)";
          String mode = text.length() > 0 ? "continuing the " + text.length() + " characters so far on " : "falling back to ";
          if (e instanceof BackendUnavailableException || e.retryable()) {
            log.debug("chain '{}': {}; {}{}", name, e.getMessage(), mode, next);
          } else {
            log.warn("chain '{}': {} (this needs fixing); {}{}", name, e.getMessage(), mode, next);
          }
        }
      }
      throw new BackendUnavailableException(name, "no backend of the chain could answer"
          + (text.length() > 0 ? " (" + text.length() + " characters had been delivered)" : "") + ": "
          + String.join("; ", failures), last);
    }

    private ChatRequest continuation(String prefix, int prefixPieces, long left) {
      ChatRequest.Builder b = request.toBuilder().jsonSchema(null);
      if (request.rawPrompt() != null) {
        b.rawPrompt(request.rawPrompt() + prefix);
      } else {
        List<Message> m = new ArrayList<>(request.messages());
        Message lastMessage = m.get(m.size() - 1);
        if (lastMessage.role() == Role.ASSISTANT) {
          m.set(m.size() - 1, Message.assistant(lastMessage.content() + prefix));
        } else {
          m.add(Message.assistant(prefix));
        }
        b.messages(m);
      }
      b.maxTokens(Math.max(1, request.maxTokens() - prefixPieces));
      if (left != Long.MAX_VALUE) {
        b.timeout(Duration.ofNanos(left));
      }
      return b.build();
    }

    private ChatRequest withTimeLeft(ChatRequest r, long left) {
      return left == Long.MAX_VALUE ? r : r.toBuilder().timeout(Duration.ofNanos(left)).build();
    }

    private ChatResponse partial(StopReason stop, List<String> servedBy) {
      long end = System.nanoTime();
      String backend = servedBy.isEmpty() ? name : servedBy.get(servedBy.size() - 1);
      List<String> by = servedBy.isEmpty() ? List.of(name) : servedBy;
      return new ChatResponse(text.toString(), stop, new Usage(0, pieces), Timings.of(start, firstTokenNanos, end, pieces),
          backend, by);
    }
  }
}
