package dev.llmux.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmux.engine.http.WireFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test fixture: a loopback HTTP server (the JDK's own) that speaks OpenAI's chat completions or
 * Anthropic's Messages wire format and injects faults: error statuses with any headers, slow first
 * byte, stalls and disconnects mid-stream, malformed SSE, invalid JSON, error events after a 200.
 *
 * <p>Replies come from a script ({@link #enqueue}) in order, then from a function of the request
 * ({@link #otherwise}). Every request is recorded. Public so the CLI tests (agent module) can use it.
 */
public final class FakeProviderServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService pool;
  private final WireFormat wire;
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Recorded> chatLog = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger chatCount = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Function<Recorded, Reply> otherwise = r -> Reply.text("ok");
  private volatile Reply models;

  private FakeProviderServer(WireFormat wire) throws IOException {
    this.wire = wire;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-provider");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server speaking {@code wire} on a free loopback port. */
  public static FakeProviderServer start(WireFormat wire) {
    try {
      return new FakeProviderServer(wire);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL to give a backend: {@code http://127.0.0.1:PORT/v1}. */
  public URI baseUrl() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
        + "/v1");
  }

  /** Queues replies for the next chat requests, in order. */
  public FakeProviderServer enqueue(Reply... replies) {
    script.addAll(Arrays.asList(replies));
    return this;
  }

  /** Sets the reply for chat requests once the queue is empty (default: the text "ok"). */
  public FakeProviderServer otherwise(Function<Recorded, Reply> f) {
    this.otherwise = f;
    return this;
  }

  /** Sets the reply to {@code GET /v1/models} (default: one model, "fake-model"). */
  public FakeProviderServer models(Reply reply) {
    this.models = reply;
    return this;
  }

  /** How many chat requests arrived. */
  public int chatRequests() {
    return chatCount.get();
  }

  /** The chat requests that arrived, in order. */
  public List<Recorded> chatLog() {
    synchronized (chatLog) {
      return List.copyOf(chatLog);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    pool.shutdownNow();
  }

  /**
   * One recorded request.
   *
   * @param method the HTTP method
   * @param path the request path
   * @param headers the request headers, names in lower case, first value of each
   * @param body the request body
   */
  public record Recorded(String method, String path, Map<String, String> headers, String body) {

    /** The body as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A header's value, or {@code null}. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The last message's content (OpenAI and Anthropic shapes). */
    public String lastMessage() {
      JsonNode m = json().path("messages");
      return m.get(m.size() - 1).path("content").asText();
    }

    /** The last message's role. */
    public String lastRole() {
      JsonNode m = json().path("messages");
      return m.get(m.size() - 1).path("role").asText();
    }
  }

  /** How a streamed reply ends. */
  public enum Ending {
    /** Finish reason, usage and the end marker ({@code [DONE]} or {@code message_stop}). */
    DONE,
    /** The body ends cleanly, but without finish reason or end marker (a truncated stream). */
    EOF,
    /** The connection is dropped abruptly, mid-body. */
    DISCONNECT,
    /** Nothing more is sent for {@link Reply#stall} (default 10 s), then the body ends. */
    STALL,
    /** An error event (the reply's {@link Reply#errorEvent} JSON), then the body ends. */
    ERROR_EVENT
  }

  /** What the server answers to one request. Immutable; each method returns a changed copy. */
  public static final class Reply {
    private int status = 200;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private String contentType = "text/event-stream";
    private List<String> pieces = List.of();
    private List<String> rawLines;
    private long headerDelayMillis;
    private long pieceDelayMillis;
    private long stallMillis = 10_000;
    private Ending ending = Ending.DONE;
    private String finish;
    private int promptTokens = 10;
    private int completionTokens = -1;
    private String errorEvent;
    private boolean dropBeforeHeaders;

    private Reply() {}

    private Reply copy() {
      Reply r = new Reply();
      r.status = status;
      r.headers.putAll(headers);
      r.body = body;
      r.contentType = contentType;
      r.pieces = pieces;
      r.rawLines = rawLines;
      r.headerDelayMillis = headerDelayMillis;
      r.pieceDelayMillis = pieceDelayMillis;
      r.stallMillis = stallMillis;
      r.ending = ending;
      r.finish = finish;
      r.promptTokens = promptTokens;
      r.completionTokens = completionTokens;
      r.errorEvent = errorEvent;
      r.dropBeforeHeaders = dropBeforeHeaders;
      return r;
    }

    /** A 200 stream delivering these pieces of text, then finishing normally. */
    public static Reply text(String... pieces) {
      Reply r = new Reply();
      r.pieces = List.of(pieces);
      return r;
    }

    /** A non-2xx (or any) status with this body (JSON or text). */
    public static Reply status(int status, String body) {
      Reply r = new Reply();
      r.status = status;
      r.body = body;
      r.contentType = "application/json";
      return r;
    }

    /** A 200 whose body is this whole JSON document (a server that does not stream). */
    public static Reply json(String body) {
      return status(200, body);
    }

    /** A 200 event stream made of these raw lines, then the body ends. */
    public static Reply raw(String... lines) {
      Reply r = new Reply();
      r.rawLines = List.of(lines);
      return r;
    }

    /** The connection is dropped before any response (a reset). */
    public static Reply dropConnection() {
      Reply r = new Reply();
      r.dropBeforeHeaders = true;
      return r;
    }

    /** Adds a response header. */
    public Reply header(String name, String value) {
      Reply r = copy();
      r.headers.put(name, value);
      return r;
    }

    /** Waits this long before sending the status line (slow first byte). */
    public Reply headerDelay(long millis) {
      Reply r = copy();
      r.headerDelayMillis = millis;
      return r;
    }

    /** Waits this long before each piece. */
    public Reply pieceDelay(long millis) {
      Reply r = copy();
      r.pieceDelayMillis = millis;
      return r;
    }

    /** Ends the stream this way after the pieces. */
    public Reply then(Ending e) {
      Reply r = copy();
      r.ending = e;
      return r;
    }

    /** How long {@link Ending#STALL} stalls. */
    public Reply stall(long millis) {
      Reply r = copy();
      r.stallMillis = millis;
      r.ending = Ending.STALL;
      return r;
    }

    /** Ends with an error event carrying this JSON (the data line). */
    public Reply errorEvent(String json) {
      Reply r = copy();
      r.errorEvent = json;
      r.ending = Ending.ERROR_EVENT;
      return r;
    }

    /** The finish reason sent ("stop"/"length" for OpenAI, "end_turn"/"max_tokens"/"stop_sequence" for Anthropic). */
    public Reply finish(String reason) {
      Reply r = copy();
      r.finish = reason;
      return r;
    }

    /** The usage figures sent. */
    public Reply usage(int prompt, int completion) {
      Reply r = copy();
      r.promptTokens = prompt;
      r.completionTokens = completion;
      return r;
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    Recorded rec = new Recorded(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers, body);
    Reply reply;
    String path = ex.getRequestURI().getPath();
    if (ex.getRequestMethod().equals("GET") && path.endsWith("/models")) {
      reply = models != null ? models : Reply.json("{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\",\"object\":\"model\"}]}");
    } else if (ex.getRequestMethod().equals("POST") && path.endsWith(wire.chatPath())) {
      chatCount.incrementAndGet();
      chatLog.add(rec);
      Reply next = script.poll();
      reply = next != null ? next : otherwise.apply(rec);
    } else {
      reply = Reply.status(404, "{\"error\":{\"message\":\"no route " + path + "\",\"type\":\"not_found\"}}");
    }
    try {
      respond(ex, reply, rec);
    } catch (Drop d) {
      throw d;
    } catch (IOException | RuntimeException e) {
      ex.close();
      throw e;
    }
    ex.close();
  }

  /** Thrown out of the handler so the JDK server drops the connection without ending the body. */
  private static final class Drop extends IOException {
    Drop(String message) {
      super(message);
    }
  }

  private void respond(HttpExchange ex, Reply reply, Recorded rec) throws IOException {
    if (reply.dropBeforeHeaders) {
      throw new Drop("fake provider drops the connection");
    }
    pause(reply.headerDelayMillis);
    reply.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    if (reply.body != null) {
      byte[] b = reply.body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", reply.contentType);
      ex.sendResponseHeaders(reply.status, b.length == 0 ? -1 : b.length);
      if (b.length > 0) {
        ex.getResponseBody().write(b);
      }
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(reply.status, 0);
    OutputStream out = ex.getResponseBody();
    if (reply.rawLines != null) {
      for (String line : reply.rawLines) {
        write(out, line + "\n");
      }
      return;
    }
    boolean tool = wire == WireFormat.ANTHROPIC_MESSAGES && rec.body().contains("\"tools\"");
    if (wire == WireFormat.ANTHROPIC_MESSAGES) {
      write(out, event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"content\":[],\"model\":\"fake\",\"stop_reason\":null,\"usage\":{\"input_tokens\":"
          + reply.promptTokens + ",\"output_tokens\":1}}}"));
      write(out, event("content_block_start", tool
          ? "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"respond\",\"input\":{}}}"
          : "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
      write(out, event("ping", "{\"type\":\"ping\"}"));
    }
    for (String piece : reply.pieces) {
      pause(reply.pieceDelayMillis);
      write(out, chunk(piece, tool));
    }
    int completion = reply.completionTokens >= 0 ? reply.completionTokens : reply.pieces.size();
    switch (reply.ending) {
      case DONE -> write(out, done(reply, completion));
      case EOF -> { }
      case DISCONNECT -> throw new Drop("fake provider drops the connection mid-stream");
      case STALL -> pause(reply.stallMillis);
      case ERROR_EVENT -> write(out, wire == WireFormat.ANTHROPIC_MESSAGES
          ? event("error", reply.errorEvent) : "data: " + reply.errorEvent + "\n\n");
    }
  }

  private String chunk(String piece, boolean tool) {
    if (wire == WireFormat.ANTHROPIC_MESSAGES) {
      ObjectNode n = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
      if (tool) {
        n.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
      } else {
        n.putObject("delta").put("type", "text_delta").put("text", piece);
      }
      return event("content_block_delta", n.toString());
    }
    ObjectNode n = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk");
    ObjectNode c = n.putArray("choices").addObject().put("index", 0);
    c.putObject("delta").put("content", piece);
    c.putNull("finish_reason");
    return "data: " + n + "\n\n";
  }

  private String done(Reply reply, int completion) {
    if (wire == WireFormat.ANTHROPIC_MESSAGES) {
      String stop = reply.finish == null ? "end_turn" : reply.finish;
      return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
          + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stop
              + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + completion + "}}")
          + event("message_stop", "{\"type\":\"message_stop\"}");
    }
    String stop = reply.finish == null ? "stop" : reply.finish;
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
        + "\"finish_reason\":\"" + stop + "\"}]}\n\n"
        + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
        + reply.promptTokens + ",\"completion_tokens\":" + completion + ",\"total_tokens\":"
        + (reply.promptTokens + completion) + "}}\n\n"
        + "data: [DONE]\n\n";
  }

  private static String event(String type, String data) {
    return "event: " + type + "\ndata: " + data + "\n\n";
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void pause(long millis) throws IOException {
    if (millis <= 0) {
      return;
    }
    try {
      if (closing.await(millis, TimeUnit.MILLISECONDS)) {
        throw new IOException("fake provider is closing");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("fake provider interrupted", e);
    }
  }
}
