package dev.llmux.engine.http;

import dev.llmux.engine.Price;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.LiveStats;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Timings;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Usage;
import dev.llmux.engine.http.HttpBackendException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model behind an HTTP API (OpenAI-compatible or Anthropic), used exactly like a local model.
 *
 * <p>Each request streams over SSE and is read on the calling thread under four limits (connect,
 * first token, idle gap, total deadline). A failed attempt is retried when the {@link Classifier}
 * says it may help and no text has reached the listener yet, after a backoff with full jitter or
 * the server's {@code Retry-After}; retries are bounded per request and by a limiter shared by all
 * requests to this backend. A circuit breaker over recent attempts turns an outage into fast
 * failures, and reads as the backend's {@link BackendStats.Availability}.
 *
 * <p>Made by {@link HttpBackends#create}. Thread-safe.
 */
public final class HttpBackend implements Backend {

  private static final Logger log = LoggerFactory.getLogger(HttpBackend.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_WHOLE_BODY = 8 << 20;
  private static final long END_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final HttpBackendSpec spec;
  private final HttpClient client;
  private final WireCodec codec;
  private final Redactor redactor;
  private final CircuitBreaker circuit;
  private final Semaphore retryPermits;
  private final LiveStats stats = new LiveStats();
  private final URI chatUri;
  private final String where;
  private volatile boolean closed;

  HttpBackend(HttpBackendSpec spec) {
    this.spec = spec;
    this.redactor = new Redactor(spec);
    this.codec = WireCodec.forSpec(spec, redactor);
    this.circuit = new CircuitBreaker(spec.name(), spec.circuit());
    this.retryPermits = new Semaphore(spec.retry().maxConcurrentRetries());
    this.chatUri = URI.create(spec.baseUrl() + spec.preset().wireFormat().chatPath());
    this.where = HttpBackendSpec.safe(chatUri);
    this.client = HttpClient.newBuilder()
        .connectTimeout(spec.timeouts().connect())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version("https".equals(spec.baseUrl().getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .build();
  }

  @Override
  public String name() {
    return spec.name();
  }

  /** The spec this backend was made from. */
  public HttpBackendSpec spec() {
    return spec;
  }

  /** What the provider charges per million tokens. */
  public Price price() {
    return spec.price();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Failures: {@link HttpBackendException} (with its {@link HttpBackendException.Kind}), its
   * subclass {@link ProviderUnreachableException} when the server cannot be reached,
   * {@link BackendUnavailableException} when the circuit is open or the quota is exhausted, and
   * {@link InvalidRequestException} when the provider rejects the request itself (400, 422).
   */
  @Override
  public ChatResponse chat(ChatRequest request, TokenListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      throw new BackendUnavailableException(name(), "the backend is closed: make a new one with HttpBackends.create", null);
    }
    stats.started();
    boolean ok = false;
    Call call = new Call(request, listener);
    try {
      ChatResponse r = call.run();
      stats.succeeded(r.timings());
      ok = true;
      return r;
    } finally {
      if (!ok) {
        stats.failed();
      }
      if (call.interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public BackendStats stats() {
    return stats.snapshot(closed ? BackendStats.Availability.UNAVAILABLE : circuit.availability());
  }

  /** Marks the backend closed; later calls fail with {@link BackendUnavailableException}. */
  @Override
  public void close() {
    closed = true;
  }

  /** The circuit breaker's state (for tests and the providers check). */
  CircuitBreaker.State circuitState() {
    return circuit.state();
  }

  /** A request builder with the auth and extra headers. */
  private HttpRequest.Builder newRequest(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("User-Agent", "llmux");
    Secret key = spec.apiKey();
    switch (spec.preset().authStyle()) {
      case BEARER -> {
        if (key.isPresent()) {
          b.header("Authorization", "Bearer " + key.reveal());
        }
      }
      case X_API_KEY -> {
        if (key.isPresent()) {
          b.header("x-api-key", key.reveal());
        }
        b.header("anthropic-version", AnthropicCodec.API_VERSION);
      }
    }
    spec.headers().forEach(b::header);
    return b;
  }

  /** What the model listing endpoint answered: its status, the model ids, and the error if any. */
  record ModelListing(int status, List<String> models, ProviderError error, double millis) {}

  /**
   * Asks {@code GET {base}/models} once, with the backend's headers and timeouts.
   *
   * @throws AttemptFailure when no HTTP answer came (connection refused, timeout)
   */
  ModelListing listModels() throws AttemptFailure {
    URI uri = URI.create(spec.baseUrl() + spec.preset().wireFormat().modelsPath());
    HttpRequest req = newRequest(uri).timeout(spec.timeouts().firstToken()).GET().build();
    long t0 = System.nanoTime();
    HttpResponse<String> resp;
    try {
      resp = client.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw Classifier.fromIo(e, false, HttpBackendSpec.safe(uri));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AttemptFailure(Kind.CONNECTION, false, "interrupted while listing models");
    }
    double millis = (System.nanoTime() - t0) / 1e6;
    List<String> ids = new ArrayList<>();
    if (resp.statusCode() / 100 == 2) {
      JsonNode n = Json.tryParse(resp.body());
      JsonNode data = n == null ? null : n.has("data") ? n.get("data") : n.get("models");
      if (data != null && data.isArray()) {
        for (JsonNode m : data) {
          String id = m.path("id").asText(m.path("name").asText(""));
          if (!id.isEmpty()) {
            ids.add(redactor.redact(id));
          }
        }
      }
      return new ModelListing(resp.statusCode(), ids, null, millis);
    }
    return new ModelListing(resp.statusCode(), ids, ProviderError.parse(resp.body(), redactor), millis);
  }

  /** How one attempt ended without failing. */
  private record Outcome(StopReason stop, WireCodec.Decoder decoder) {}

  /** Wakes a call when its cancellation is raised; detached when the call ends, so it holds nothing after. */
  private static final class CancelHook implements Runnable {
    private volatile Call call;

    CancelHook(Call call) {
      this.call = call;
    }

    @Override
    public void run() {
      Call c = call;
      if (c != null) {
        c.wake();
      }
    }

    void detach() {
      call = null;
    }
  }

  /** One request: its attempts, the text delivered so far, its deadline. */
  private final class Call {
    private final ChatRequest request;
    private final TokenListener listener;
    private final long start = System.nanoTime();
    private final long deadline;
    private final StringBuilder text = new StringBuilder();
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile Exchange current;
    private int pieces;
    private long firstTokenNanos;
    private int attempts;
    private boolean interrupted;

    Call(ChatRequest request, TokenListener listener) {
      this.request = request;
      this.listener = listener;
      long total = spec.timeouts().total().toNanos();
      if (request.timeout() != null) {
        total = Math.min(total, request.timeout().toNanos());
      }
      this.deadline = start + total;
    }

    ChatResponse run() {
      String body = codec.requestBody(request);
      CancelHook hook = new CancelHook(this);
      request.cancellation().onCancel(hook);
      boolean retryPermitHeld = false;
      AttemptFailure last = null;
      try {
        for (int attempt = 1; ; attempt++) {
          if (cancelRequested()) {
            return finish(StopReason.CANCELLED, null);
          }
          if (System.nanoTime() - deadline >= 0) {
            return finish(StopReason.DEADLINE, null);
          }
          CircuitBreaker.Permit permit = circuit.tryAcquire();
          if (permit == null) {
            if (last == null) {
              throw new BackendUnavailableException(name(), circuit.describeOpen()
                  + ": requests fail at once until then; use a fallback backend meanwhile", null);
            }
            throw failure(last, "; not retried: " + circuit.describeOpen());
          }
          attempts = attempt;
          Outcome outcome;
          try {
            outcome = attemptOnce(body);
          } catch (AttemptFailure f) {
            if (f.countsAgainstBackend()) {
              circuit.onFailure(permit, f.detail());
            } else {
              circuit.onSuccess(permit);
            }
            last = f;
            if (f.kind == Kind.QUOTA_EXHAUSTED) {
              circuit.forceOpen(spec.circuit().quotaOpenDuration(), "quota exhausted (" + f.detail() + ")");
              throw failure(f, "");
            }
            if (!f.retryable) {
              throw failure(f, "");
            }
            if (pieces > 0) {
              throw failure(f, " after " + text.length() + " characters of the answer had been delivered;"
                  + " not retried on this backend (a fallback backend continues the answer)");
            }
            if (attempt >= spec.retry().maxAttempts()) {
              throw failure(f, "; gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts"));
            }
            long wait = waitNanos(f, attempt);
            if (f.retryAfter != null && f.retryAfter.compareTo(spec.retry().maxRetryAfter()) > 0) {
              throw failure(f, "; the server asks to wait " + CircuitBreaker.formatMillis(f.retryAfter.toMillis())
                  + ", longer than retry.maxRetryAfter (" + CircuitBreaker.formatMillis(spec.retry().maxRetryAfter().toMillis())
                  + ")");
            }
            if (System.nanoTime() + wait - deadline >= 0) {
              throw failure(f, "; no time left for attempt " + (attempt + 1) + " before the deadline"
                  + (f.retryAfter != null ? " (the server asks to wait " + CircuitBreaker.formatMillis(f.retryAfter.toMillis()) + ")" : ""));
            }
            if (!retryPermitHeld) {
              if (!retryPermits.tryAcquire()) {
                throw failure(f, "; not retried: all " + spec.retry().maxConcurrentRetries()
                    + " concurrent retries of this backend are in use (retry.maxConcurrentRetries)");
              }
              retryPermitHeld = true;
            }
            log.debug("backend '{}': attempt {}/{} failed ({}); retrying in {}", name(), attempt,
                spec.retry().maxAttempts(), f.detail(), CircuitBreaker.formatMillis(wait / 1_000_000));
            if (sleep(wait)) {
              return finish(StopReason.CANCELLED, null);
            }
            continue;
          } catch (RuntimeException e) {
            circuit.onNeutral(permit);
            throw e;
          }
          if (outcome.stop() == StopReason.CANCELLED || outcome.stop() == StopReason.DEADLINE) {
            circuit.onNeutral(permit);
          } else {
            circuit.onSuccess(permit);
          }
          return finish(outcome.stop(), outcome.decoder());
        }
      } finally {
        hook.detach();
        if (retryPermitHeld) {
          retryPermits.release();
        }
      }
    }

    private Outcome attemptOnce(String body) throws AttemptFailure {
      WireCodec.Decoder decoder = codec.decoder(request);
      HttpRequest http = newRequest(chatUri)
          .header("Content-Type", "application/json")
          .header("Accept", "text/event-stream")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      Exchange ex = new Exchange();
      current = ex;
      try {
        if (cancelRequested()) {
          return new Outcome(StopReason.CANCELLED, decoder);
        }
        long sent = System.nanoTime();
        ex.start(client, http);
        return read(ex, decoder, sent);
      } finally {
        current = null;
        ex.abort();
      }
    }

    private Outcome read(Exchange ex, WireCodec.Decoder decoder, long sent) throws AttemptFailure {
      long firstLimit = spec.timeouts().firstToken().toNanos();
      long idleLimit = spec.timeouts().idle().toNanos();
      Exchange.Head head = null;
      StringBuilder errorBody = null;
      StringBuilder whole = null;
      SseParser parser = new SseParser();
      boolean started = false;
      long lastActivity = sent;
      long completeAt = 0;
      while (true) {
        if (cancelRequested()) {
          return new Outcome(StopReason.CANCELLED, decoder);
        }
        long now = System.nanoTime();
        long limit = started ? lastActivity + idleLimit : sent + firstLimit;
        if (completeAt != 0 && completeAt + END_GRACE_NANOS - limit < 0) {
          limit = completeAt + END_GRACE_NANOS;
        }
        boolean deadlineFirst = deadline - limit <= 0;
        long until = deadlineFirst ? deadline : limit;
        if (now - until >= 0) {
          if (completeAt != 0) {
            return new Outcome(decoder.stopReason(), decoder);
          }
          if (head != null && errorBody != null) {
            throw errorFrom(head, errorBody);
          }
          if (deadlineFirst) {
            return new Outcome(StopReason.DEADLINE, decoder);
          }
          throw started
              ? new AttemptFailure(Kind.TIMEOUT, true, "the stream stalled: no data for "
                  + CircuitBreaker.formatMillis(idleLimit / 1_000_000) + " (timeouts.idle)")
              : new AttemptFailure(Kind.TIMEOUT, true, "no first token within "
                  + CircuitBreaker.formatMillis(firstLimit / 1_000_000) + " (timeouts.firstToken)");
        }
        Object item;
        try {
          item = ex.poll(until - now);
        } catch (InterruptedException e) {
          interrupted = true;
          return new Outcome(StopReason.CANCELLED, decoder);
        }
        if (item == null || item == Exchange.WAKE) {
          continue;
        }
        if (item instanceof Exchange.Head h) {
          head = h;
          if (h.status() / 100 != 2) {
            errorBody = new StringBuilder();
          } else if (h.headers().firstValue("content-type").orElse("").contains("json")) {
            whole = new StringBuilder();
          }
        } else if (item instanceof Exchange.Line l) {
          if (errorBody != null || whole != null) {
            StringBuilder sb = errorBody != null ? errorBody : whole;
            if (sb.length() < (errorBody != null ? MAX_ERROR_BODY : MAX_WHOLE_BODY)) {
              sb.append(l.text()).append('\n');
            } else if (whole != null) {
              throw new AttemptFailure(Kind.UNEXPECTED_RESPONSE, false, "the JSON answer is larger than "
                  + (MAX_WHOLE_BODY >> 20) + " MiB");
            }
            started = true;
            lastActivity = System.nanoTime();
            continue;
          }
          SseParser.Event event = parser.feed(l.text(), redactor);
          if (event != null) {
            started = true;
            lastActivity = System.nanoTime();
            decoder.onEvent(event, this::deliver);
            if (completeAt == 0 && decoder.complete()) {
              completeAt = System.nanoTime();
            }
          }
        } else if (item instanceof Exchange.End) {
          if (head == null) {
            throw new AttemptFailure(Kind.CONNECTION, true, "the server closed the connection without an answer");
          }
          if (errorBody != null) {
            throw errorFrom(head, errorBody);
          }
          if (whole != null) {
            decoder.onBody(whole.toString(), this::deliver);
            return new Outcome(decoder.stopReason(), decoder);
          }
          SseParser.Event event = parser.finish();
          if (event != null) {
            decoder.onEvent(event, this::deliver);
          }
          if (!decoder.complete()) {
            throw new AttemptFailure(Kind.BROKEN_STREAM, true, "the stream ended before the answer was complete"
                + " (no finish reason or end marker)");
          }
          return new Outcome(decoder.stopReason(), decoder);
        } else if (item instanceof Exchange.Failed f) {
          if (completeAt != 0) {
            return new Outcome(decoder.stopReason(), decoder);
          }
          if (head != null && errorBody != null) {
            throw errorFrom(head, errorBody);
          }
          throw Classifier.fromIo(f.error(), head != null, where);
        }
      }
    }

    private AttemptFailure errorFrom(Exchange.Head head, StringBuilder body) {
      return Classifier.fromStatus(head.status(), head.headers(), ProviderError.parse(body.toString(), redactor),
          Instant.now());
    }

    private void deliver(String piece) {
      if (pieces == 0) {
        firstTokenNanos = System.nanoTime();
      }
      pieces++;
      text.append(piece);
      listener.onText(piece);
    }

    private long waitNanos(AttemptFailure f, int attempt) {
      if (f.retryAfter != null) {
        return f.retryAfter.toNanos();
      }
      RetrySettings r = spec.retry();
      long ceiling = r.initialBackoff().toNanos() << Math.min(attempt - 1, 30);
      if (ceiling <= 0 || ceiling > r.maxBackoff().toNanos()) {
        ceiling = r.maxBackoff().toNanos();
      }
      return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /** Waits {@code nanos}; returns true when the request was cancelled meanwhile. */
    private boolean sleep(long nanos) {
      try {
        return cancelled.await(nanos, TimeUnit.NANOSECONDS) || cancelRequested();
      } catch (InterruptedException e) {
        interrupted = true;
        return true;
      }
    }

    private boolean cancelRequested() {
      if (Thread.currentThread().isInterrupted()) {
        interrupted = true;
      }
      return interrupted || request.cancellation().isCancelled();
    }

    void wake() {
      cancelled.countDown();
      Exchange e = current;
      if (e != null) {
        e.wake();
      }
    }

    private ChatResponse finish(StopReason stop, WireCodec.Decoder decoder) {
      long end = System.nanoTime();
      Usage u = decoder == null ? null : decoder.usage();
      if (u == null) {
        u = new Usage(0, pieces);
      } else if (u.completionTokens() == 0 && pieces > 0) {
        u = new Usage(u.promptTokens(), pieces);
      }
      if (stop == StopReason.CANCELLED || stop == StopReason.DEADLINE) {
        log.debug("backend '{}': request ended early ({}) after {} characters", name(), stop, text.length());
      }
      return ChatResponse.of(text.toString(), stop, u, Timings.of(start, firstTokenNanos, end, u.completionTokens()),
          name());
    }

    private RuntimeException failure(AttemptFailure f, String note) {
      String attemptsNote = attempts > 1 && !note.contains("gave up") ? " (attempt " + attempts + ")" : "";
      String msg = f.detail() + attemptsNote + note;
      Throwable cause = f.getCause() != null && !redactor.leaks(f.getCause()) ? f.getCause() : null;
      log.debug("backend '{}': request failed: {}", name(), msg);
      switch (f.kind) {
        case BAD_REQUEST:
          return new InvalidRequestException("backend '" + name() + "' rejected the request: " + msg
              + ": fix the request (another backend would be sent the same one)");
        case QUOTA_EXHAUSTED:
          return new BackendUnavailableException(name(), msg + ": the account's quota or credit is used up; add credit"
              + " or raise the limit. Requests to this backend fail at once for "
              + CircuitBreaker.formatMillis(spec.circuit().quotaOpenDuration().toMillis()) + " (circuit.quotaOpenDuration)",
              cause);
        case CONNECTION:
          return new ProviderUnreachableException(name(), attempts, msg + hint(f.kind), f.retryable, cause);
        default:
          return new HttpBackendException(name(), f.kind, f.status, attempts, msg + hint(f.kind), f.retryable, cause);
      }
    }

    private String hint(Kind kind) {
      String var = spec.apiKey().variable().isEmpty() ? spec.preset().keyVariable() : spec.apiKey().variable();
      return switch (kind) {
        case CONNECTION -> ": check that the server at " + HttpBackendSpec.safe(spec.baseUrl())
            + " is running and reachable, and the base URL";
        case AUTH -> ": check the API key" + (var.isEmpty() ? "" : " (" + var + ")") + " and that it may use model '"
            + spec.model() + "'";
        case NOT_FOUND -> ": check the base URL (" + HttpBackendSpec.safe(spec.baseUrl()) + ") and the model name '"
            + spec.model() + "'";
        case RATE_LIMITED -> ": lower the request rate, raise the provider's limit, or add a fallback backend";
        case UNEXPECTED_RESPONSE -> ": check the base URL (" + HttpBackendSpec.safe(spec.baseUrl()) + ")";
        default -> ": the provider is failing; try again later or add a fallback backend";
      };
    }
  }
}
