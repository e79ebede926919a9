package dev.llmux.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.Cancellation;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.ToolCalls;
import dev.llmux.router.RoutedBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * llmux's OpenAI-compatible HTTP server, in the same process as the models it serves. Every route
 * is listed in {@link Routes#handle}:
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: JSON or server-sent events ({@code stream}), answered by
 *       the backend the {@code model} field names (a catalog model, a role, or {@code auto});
 *   <li>{@code GET /v1/models}; {@code GET /health} (liveness), {@code GET /ready} (readiness);
 *       {@code GET /metrics} (Prometheus text format).
 * </ul>
 *
 * <p>Each backend admits at most {@code queueDepth} requests at once (answering or waiting); past
 * that a request gets 429 with {@code Retry-After}, and 503 when the backend is unavailable. A
 * client that disconnects cancels its answer: a streamed answer at the next token it cannot write,
 * any answer when Jetty reports the connection failed. Errors have OpenAI's JSON shape.
 *
 * <p>The server binds 127.0.0.1 unless told otherwise; any other address needs an API key (checked
 * as {@code Authorization: Bearer KEY}, compared in constant time) or an explicit {@code insecure}.
 * Keys never reach the logs; request bodies only when {@code verbose}. {@link #close()} drains:
 * new requests get 503, running ones may finish within the drain timeout, then are cancelled.
 *
 * <p>HTTP is Jetty 12's core server (no servlets): a well-kept, Java 17 server whose blocking
 * writes report a gone client as an exception, which is what cancellation needs.
 */
public final class LlmuxServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LlmuxServer.class);
  /** The most of a refused request body that is read and dropped before the 400 is sent. */
  private static final long DRAIN_LIMIT_BYTES = 16L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Backend> models;
  private final Map<String, Semaphore> admission = new ConcurrentHashMap<>();
  private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();
  private final ServeMetrics metrics = new ServeMetrics();
  private final Builder config;
  private final byte[] apiKey;
  private final Server server;
  private final ServerConnector connector;
  private volatile boolean stopping;

  private LlmuxServer(Builder b) {
    this.config = b;
    this.models = Map.copyOf(b.models);
    this.apiKey = b.apiKey == null ? null : b.apiKey.getBytes(StandardCharsets.UTF_8);
    for (Map.Entry<String, Backend> e : b.models.entrySet()) {
      admission.put(e.getKey(), new Semaphore(b.queueDepth));
    }
    QueuedThreadPool pool = new QueuedThreadPool(Math.max(32, b.queueDepth * b.models.size() + 16), 4);
    pool.setName("llmux-serve");
    server = new Server(pool);
    connector = new ServerConnector(server);
    connector.setHost(b.host);
    connector.setPort(b.port);
    server.addConnector(connector);
    server.setHandler(new GracefulHandler(new Routes()));
    server.setStopTimeout(b.drain.toMillis());
    server.setStopAtShutdown(false);
  }

  /** A builder; see its setters for the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on (the chosen one when 0 was asked for). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The server's base address, such as {@code http://127.0.0.1:8080/v1/} for OpenAI clients. */
  public URI baseUri() {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    return URI.create("http://" + host + ":" + port() + "/v1/");
  }

  /**
   * Stops taking requests, lets running ones finish within the drain timeout, cancels what is left
   * and stops. The backends are the caller's to close.
   */
  @Override
  public void close() {
    if (stopping) {
      return;
    }
    stopping = true;
    Thread canceller = new Thread(() -> {
      try {
        Thread.sleep(config.drain.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      running.forEach(Cancellation::cancel);
    }, "llmux-serve-drain");
    canceller.setDaemon(true);
    canceller.start();
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server: {}", e.toString());
    } finally {
      canceller.interrupt();
      running.forEach(Cancellation::cancel);
    }
  }

  /** The one handler: every route of the server. */
  private final class Routes extends Handler.Abstract {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      try {
        if (path.equals("/health")) {
          json(response, callback, 200, JSON.createObjectNode().put("status", "ok"));
          return true;
        }
        if (path.equals("/ready")) {
          boolean ready = !stopping && models.values().stream()
              .anyMatch(b -> b.stats().availability() != BackendStats.Availability.UNAVAILABLE);
          json(response, callback, ready ? 200 : 503, JSON.createObjectNode().put("status", ready ? "ready" : "not ready"));
          return true;
        }
        authorize(request);
        switch (path) {
          case "/metrics" -> {
            requireMethod(method, "GET");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
            Content.Sink.write(response, true, metrics.scrape(), callback);
          }
          case "/v1/models" -> {
            requireMethod(method, "GET");
            json(response, callback, 200, modelList());
          }
          case "/v1/chat/completions" -> {
            requireMethod(method, "POST");
            chatCompletion(request, response, callback);
          }
          default -> throw new ApiError(404, "invalid_request_error", "not_found", null, "no route " + method + " "
              + path + "; this server has POST /v1/chat/completions, GET /v1/models, /health, /ready and /metrics");
        }
      } catch (ApiError e) {
        error(response, callback, e);
      } catch (RuntimeException e) {
        LOG.warn("request {} {} failed: {}", method, path, e.toString());
        error(response, callback, new ApiError(500, "server_error", "internal_error", null, "internal error: " + e.getMessage()));
      }
      return true;
    }
  }

  private void authorize(Request request) {
    if (apiKey == null) {
      return;
    }
    String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    byte[] key = given != null && given.startsWith("Bearer ") ? given.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(apiKey, key)) {
      throw new ApiError(401, "invalid_request_error", "invalid_api_key", null,
          "missing or wrong API key: send 'Authorization: Bearer KEY' with the key this server was started with");
    }
  }

  private static void requireMethod(String method, String wanted) {
    if (!method.equals(wanted)) {
      throw new ApiError(405, "invalid_request_error", "method_not_allowed", null, "use " + wanted + " on this route");
    }
  }

  private ObjectNode modelList() {
    ObjectNode list = JSON.createObjectNode().put("object", "list");
    ArrayNode data = list.putArray("data");
    for (String id : config.models.keySet()) {
      data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", "llmux");
    }
    return list;
  }

  private byte[] body(Request request) {
    int max = config.limits.maxBodyBytes();
    long declared = request.getLength();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > max) {
        drain(in, declared);
        throw ApiError.invalid(null, "the request body has " + declared + " bytes; this server takes at most " + max);
      }
      byte[] body = in.readNBytes(max + 1);
      if (body.length > max) {
        drain(in, DRAIN_LIMIT_BYTES);
        throw ApiError.invalid(null, "the request body is over " + max + " bytes, the most this server takes");
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and drops what is left of a refused body (up to {@link #DRAIN_LIMIT_BYTES}), so that a
   * client still sending it reads the 400 instead of a reset connection; a larger body is cut off.
   */
  private static void drain(InputStream in, long declared) throws IOException {
    if (declared > DRAIN_LIMIT_BYTES) {
      return;
    }
    byte[] sink = new byte[64 * 1024];
    long left = DRAIN_LIMIT_BYTES;
    int n;
    while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
      left -= n;
    }
  }

  private void chatCompletion(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    byte[] body = body(request);
    if (config.verbose) {
      LOG.info("request body: {}", new String(body, StandardCharsets.UTF_8));
    }
    CompletionRequest cr;
    try {
      cr = CompletionRequest.parse(body, config.limits);
    } catch (ApiError e) {
      metrics.requests.labelValues("-", String.valueOf(e.status)).inc();
      throw e;
    }
    Backend backend = models.get(cr.model());
    if (backend == null) {
      metrics.requests.labelValues("-", "404").inc();
      throw new ApiError(404, "invalid_request_error", "model_not_found", "model", "no model '" + cr.model()
          + "' on this server; GET /v1/models lists them: " + config.models.keySet());
    }
    String model = cr.model();
    if (stopping || backend.stats().availability() == BackendStats.Availability.UNAVAILABLE) {
      metrics.requests.labelValues(model, "503").inc();
      throw new ApiError(503, "server_error", "model_unavailable", "model", "model '" + model
          + "' is unavailable now" + (stopping ? " (the server is stopping)" : "") + "; try again later");
    }
    Semaphore gate = admission.get(model);
    if (!gate.tryAcquire()) {
      metrics.requests.labelValues(model, "429").inc();
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      throw new ApiError(429, "rate_limit_exceeded", "queue_full", null, "model '" + model + "' has "
          + config.queueDepth + " requests running or waiting, its limit; retry after a second");
    }
    Cancellation cancel = new Cancellation();
    running.add(cancel);
    request.addFailureListener(failure -> cancel.cancel());
    String backendLabel = model;
    metrics.inFlight.labelValues(backendLabel).inc();
    metrics.queued.labelValues(backendLabel).inc();
    Answer answer = new Answer(cr, model, start);
    try {
      ChatRequest chat = cr.request().toBuilder().cancellation(cancel).build();
      if (cr.stream()) {
        streamed(backend, chat, answer, response, cancel, callback);
      } else {
        whole(backend, chat, answer, response, callback);
      }
    } finally {
      if (!answer.started) {
        metrics.queued.labelValues(backendLabel).dec();
      }
      metrics.inFlight.labelValues(backendLabel).dec();
      running.remove(cancel);
      gate.release();
      metrics.duration.labelValues(model).observe((System.nanoTime() - start) / 1e9);
    }
  }

  /** One answer's state while it is produced. */
  private final class Answer implements TokenListener {
    final CompletionRequest request;
    final String model;
    final long start;
    final String id = "chatcmpl-" + UUID.randomUUID();
    final long created = System.currentTimeMillis() / 1000;
    volatile boolean started;
    TokenListener sink = TokenListener.NONE;

    Answer(CompletionRequest request, String model, long start) {
      this.request = request;
      this.model = model;
      this.start = start;
    }

    @Override
    public void onText(String piece) {
      if (!started) {
        started = true;
        metrics.queued.labelValues(model).dec();
        metrics.timeToFirstToken.labelValues(model).observe((System.nanoTime() - start) / 1e9);
      }
      sink.onText(piece);
    }

    ChatResponse ask(Backend backend, ChatRequest chat) {
      if (backend instanceof RoutedBackend routed) {
        RoutedBackend.Routed r = routed.chatRouted(chat, this);
        metrics.routerDecisions.labelValues(model, r.decision().backend()).inc();
        return r.response();
      }
      return backend.chat(chat, this);
    }

    void count(ChatResponse r, int status) {
      metrics.requests.labelValues(model, String.valueOf(status)).inc();
      metrics.promptTokens.labelValues(model).inc(r.usage().promptTokens());
      metrics.completionTokens.labelValues(model).inc(r.usage().completionTokens());
      LOG.info("{} {} -> {} {} ({} + {} tokens, {} ms)", model, request.stream() ? "stream" : "json", status,
          r.stopReason(), r.usage().promptTokens(), r.usage().completionTokens(), (System.nanoTime() - start) / 1_000_000);
    }

    ObjectNode chunk() {
      ObjectNode c = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
          .put("model", model);
      return c;
    }
  }

  private void whole(Backend backend, ChatRequest chat, Answer a, Response response, Callback callback) {
    ChatResponse r;
    try {
      r = a.ask(backend, chat);
    } catch (InvalidRequestException e) {
      metrics.requests.labelValues(a.model, "400").inc();
      throw ApiError.invalid(null, e.getMessage());
    } catch (BackendUnavailableException e) {
      metrics.requests.labelValues(a.model, "503").inc();
      throw new ApiError(503, "server_error", "model_unavailable", "model", e.getMessage());
    } catch (BackendException e) {
      metrics.requests.labelValues(a.model, "502").inc();
      throw new ApiError(502, "server_error", "backend_error", null, e.getMessage());
    }
    ObjectNode out = JSON.createObjectNode().put("id", a.id).put("object", "chat.completion").put("created", a.created)
        .put("model", a.model);
    ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    ObjectNode call = a.request.toolCall() ? toolCall(r.text()) : null;
    if (call != null) {
      message.putNull("content");
      message.putArray("tool_calls").add(call);
      choice.put("finish_reason", "tool_calls");
    } else {
      message.put("content", r.text());
      choice.put("finish_reason", finishReason(r.stopReason()));
    }
    choice.putNull("logprobs");
    usage(out.putObject("usage"), r);
    a.count(r, 200);
    json(response, callback, 200, out);
  }

  private void streamed(Backend backend, ChatRequest chat, Answer a, Response response, Cancellation cancel,
      Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    StringBuilder toolText = new StringBuilder();
    boolean[] broken = {false};
    a.sink = piece -> {
      if (broken[0]) {
        return;
      }
      if (a.request.toolCall()) {
        toolText.append(piece);
        return;
      }
      ObjectNode c = a.chunk();
      c.putArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta").put("content", piece);
      if (!event(response, c.toString())) {
        broken[0] = true;
        cancel.cancel(); // the client is gone: stop the answer now
      }
    };
    ObjectNode first = a.chunk();
    first.putArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
        .put("role", "assistant").put("content", "");
    if (!event(response, first.toString())) {
      metrics.requests.labelValues(a.model, "499").inc();
      callback.failed(new IOException("client disconnected"));
      return;
    }
    ChatResponse r;
    try {
      r = a.ask(backend, chat);
    } catch (BackendException | InvalidRequestException e) {
      int status = e instanceof InvalidRequestException ? 400 : e instanceof BackendUnavailableException ? 503 : 502;
      metrics.requests.labelValues(a.model, String.valueOf(status)).inc();
      ObjectNode err = JSON.createObjectNode();
      err.putObject("error").put("message", e.getMessage()).put("type", status == 400 ? "invalid_request_error" : "server_error")
          .putNull("param").put("code", status == 400 ? "invalid_request" : "backend_error");
      event(response, err.toString());
      end(response, callback);
      return;
    }
    if (broken[0]) {
      a.count(r, 499);
      callback.failed(new IOException("client disconnected"));
      return;
    }
    ObjectNode last = a.chunk();
    ObjectNode choice = last.putArray("choices").addObject().put("index", 0);
    ObjectNode delta = choice.putObject("delta");
    ObjectNode call = a.request.toolCall() ? toolCall(toolText.toString()) : null;
    if (call != null) {
      call.put("index", 0);
      delta.putArray("tool_calls").add(call);
      choice.put("finish_reason", "tool_calls");
    } else {
      if (a.request.toolCall()) {
        delta.put("content", toolText.toString());
      }
      choice.put("finish_reason", finishReason(r.stopReason()));
    }
    boolean ok = event(response, last.toString());
    if (ok && a.request.includeUsage()) {
      ObjectNode u = a.chunk();
      u.putArray("choices");
      usage(u.putObject("usage"), r);
      ok = event(response, u.toString());
    }
    a.count(r, ok ? 200 : 499);
    if (ok) {
      end(response, callback);
    } else {
      callback.failed(new IOException("client disconnected"));
    }
  }

  /** Writes one server-sent event and flushes it; false when the client is gone. */
  private static boolean event(Response response, String data) {
    return write(response, false, "data: " + data + "\n\n");
  }

  private static void end(Response response, Callback callback) {
    if (write(response, false, "data: [DONE]\n\n")) {
      response.write(true, ByteBuffer.allocate(0), callback);
    } else {
      callback.failed(new IOException("client disconnected"));
    }
  }

  private static boolean write(Response response, boolean last, String text) {
    try (Blocker.Callback b = Blocker.callback()) {
      response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), b);
      b.block();
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The tool call in an answer made under {@link ToolCalls#schema}, in OpenAI's shape, or null when it is not one. */
  private static ObjectNode toolCall(String text) {
    return ToolCalls.parse(text).map(c -> {
      ObjectNode call = JSON.createObjectNode().put("id", "call_" + UUID.randomUUID().toString().replace("-", ""))
          .put("type", "function");
      call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
      return call;
    }).orElse(null);
  }

  private static String finishReason(StopReason r) {
    return r == StopReason.LENGTH ? "length" : "stop";
  }

  private static void usage(ObjectNode u, ChatResponse r) {
    u.put("prompt_tokens", r.usage().promptTokens()).put("completion_tokens", r.usage().completionTokens())
        .put("total_tokens", r.usage().totalTokens());
  }

  private static void json(Response response, Callback callback, int status, JsonNode body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    Content.Sink.write(response, true, body.toString(), callback);
  }

  private static void error(Response response, Callback callback, ApiError e) {
    if (response.isCommitted()) {
      callback.failed(e);
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    ObjectNode err = body.putObject("error").put("message", e.getMessage()).put("type", e.type);
    if (e.param == null) {
      err.putNull("param");
    } else {
      err.put("param", e.param);
    }
    err.put("code", e.code);
    json(response, callback, e.status, body);
  }

  /** Builds an {@link LlmuxServer}; {@link #start()} binds it. */
  public static final class Builder {
    private final Map<String, Backend> models = new LinkedHashMap<>();
    private String host = "127.0.0.1";
    private int port = 8080;
    private String apiKey;
    private boolean insecure;
    private boolean verbose;
    private int queueDepth = 16;
    private Duration drain = Duration.ofSeconds(30);
    private CompletionRequest.Limits limits = new CompletionRequest.Limits(1 << 20, 256, 8192, 512);

    private Builder() {}

    /** Serves {@code backend} under the model id {@code id} (a catalog model, a role, {@code auto}). */
    public Builder model(String id, Backend backend) {
      if (models.putIfAbsent(id, backend) != null) {
        throw new ConfigException("model id '" + id + "' is served twice; give each backend its own id");
      }
      return this;
    }

    /** The address to bind (default 127.0.0.1); any other needs {@link #apiKey} or {@link #insecure}. */
    public Builder host(String h) {
      this.host = h;
      return this;
    }

    /** The port (default 8080; 0 picks a free one). */
    public Builder port(int p) {
      this.port = p;
      return this;
    }

    /** The API key clients must send as a Bearer token (default none). */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /** Allows binding a non-loopback address without an API key (default false). */
    public Builder insecure(boolean on) {
      this.insecure = on;
      return this;
    }

    /** Logs request bodies (default false; keys are never logged). */
    public Builder verbose(boolean on) {
      this.verbose = on;
      return this;
    }

    /** Requests one model takes at once, answering or waiting; more get 429 (default 16). */
    public Builder queueDepth(int n) {
      this.queueDepth = n;
      return this;
    }

    /** How long running requests may finish once the server stops (default 30 s). */
    public Builder drain(Duration d) {
      this.drain = d;
      return this;
    }

    /**
     * Request limits: body bytes (default 1 MiB), messages (default 256), the most tokens a
     * request may ask for (default 8192) and the tokens it gets when it asks for none (default 512).
     */
    public Builder limits(int maxBodyBytes, int maxMessages, int maxTokens, int defaultMaxTokens) {
      this.limits = new CompletionRequest.Limits(maxBodyBytes, maxMessages, maxTokens, defaultMaxTokens);
      return this;
    }

    /**
     * Checks the settings, binds the address and starts serving.
     *
     * @throws ConfigException when a setting is wrong (no models, a public address without a key,
     *     the port taken)
     */
    public LlmuxServer start() {
      if (models.isEmpty()) {
        throw new ConfigException("the server has no models to serve; add at least one");
      }
      if (queueDepth < 1 || queueDepth > 10_000) {
        throw new ConfigException("queue depth is " + queueDepth + "; use a value from 1 to 10000");
      }
      if (port < 0 || port > 65_535) {
        throw new ConfigException("port " + port + " is not a port; use 0 to 65535");
      }
      if (apiKey != null && apiKey.isBlank()) {
        throw new ConfigException("the API key is empty; give a key or leave it out");
      }
      if (!loopback(host) && apiKey == null && !insecure) {
        throw new ConfigException("binding " + host + " would serve the models to the network without a key: give"
            + " --api-key (clients then send 'Authorization: Bearer KEY') or --insecure to allow it knowingly");
      }
      LlmuxServer s = new LlmuxServer(this);
      try {
        s.server.start();
      } catch (Exception e) {
        try {
          s.server.stop();
        } catch (Exception ignored) {
          // already failing
        }
        throw new ConfigException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
            + "; choose another --port or --host", e);
      }
      LOG.info("serving {} on {} ({})", models.keySet(), s.baseUri(), apiKey != null ? "API key required" : "no API key");
      return s;
    }

    private static boolean loopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        throw new ConfigException("unknown host '" + host + "': give an IP address or a name this machine resolves");
      }
    }
  }
}
