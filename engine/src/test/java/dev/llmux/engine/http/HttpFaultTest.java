package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.BackendStats.Availability;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.Cancellation;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.http.HttpBackendException.Kind;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Ending;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault a provider can show, injected by a loopback server speaking the OpenAI wire format:
 * what the caller gets, how many attempts reached the server, and how long it took. Each case
 * prints one line of the fault table ({@code FAULT | ...}) to the test output.
 */
final class HttpFaultTest {

  private static final String RATE_LIMIT =
      "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
  private static final String QUOTA = "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan"
      + " and billing details.\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}";
  private static final String SERVER = "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}";

  private final FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT);

  @AfterEach
  void stop() {
    server.close();
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().user("hello").build();
  }

  private FaultRun run(String fault, HttpBackend backend, ChatRequest request) {
    FaultRun r = FaultRun.of(backend, server, request);
    System.out.println(r.describe(fault));
    return r;
  }

  /** Nothing was waited for: far below the test specs' 5 s first-token and idle limits, and no Retry-After. */
  private static void assertQuick(FaultRun r) {
    assertTrue(r.millis() < 3000, "took " + r.millis() + " ms");
  }

  private FaultRun run(String fault, HttpBackend backend) {
    return run(fault, backend, ask());
  }

  @Test
  void chat_429WithRetryAfterSeconds_waitsThatLongThenAnswers() {
    server.enqueue(Reply.status(429, RATE_LIMIT).header("Retry-After", "1"), Reply.text("ok"));
    FaultRun r = run("429 Retry-After: 1", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertTrue(r.millis() >= 950, "waited " + r.millis() + " ms, the server asked for 1 s");
  }

  @Test
  void chat_429WithRetryAfterDate_waitsUntilThatTime() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
    server.enqueue(Reply.status(429, RATE_LIMIT).header("Retry-After", date), Reply.text("ok"));
    FaultRun r = run("429 Retry-After: <HTTP-date in 2 s>", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertTrue(r.millis() >= 900, "waited " + r.millis() + " ms; the date was 1 to 2 s ahead");
  }

  @Test
  void chat_429WithRetryAfterMs_usesTheMilliseconds() {
    server.enqueue(Reply.status(429, RATE_LIMIT).header("retry-after-ms", "300").header("Retry-After", "9"),
        Reply.text("ok"));
    FaultRun r = run("429 retry-after-ms: 300", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertTrue(r.millis() >= 280 && r.millis() < 8000, "waited " + r.millis() + " ms");
  }

  @Test
  void chat_500Once_retriesAndAnswers() {
    server.enqueue(Reply.status(500, SERVER), Reply.text("ok"));
    FaultRun r = run("500 once", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_503Always_failsAfterMaxAttemptsAsRetryableServerError() {
    server.otherwise(req -> Reply.status(503, "<html>Service Unavailable</html>"));
    FaultRun r = run("503 always", TestSpecs.openai(server));
    HttpBackendException e = r.failed(HttpBackendException.class);
    assertEquals(Kind.SERVER_ERROR, e.kind());
    assertEquals(503, e.status());
    assertEquals(3, e.attempts());
    assertEquals(3, r.attempts());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
    assertQuick(r);
  }

  @Test
  void chat_503WithShouldRetryFalse_failsAfterOneAttempt() {
    server.otherwise(req -> Reply.status(503, SERVER).header("x-should-retry", "false"));
    FaultRun r = run("503 x-should-retry: false", TestSpecs.openai(server));
    assertEquals(Kind.SERVER_ERROR, r.failed(HttpBackendException.class).kind());
    assertEquals(1, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_400WithShouldRetryTrue_isRetried() {
    server.enqueue(Reply.status(400, "{\"error\":{\"message\":\"try again\"}}").header("x-should-retry", "true"),
        Reply.text("ok"));
    FaultRun r = run("400 x-should-retry: true", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_529Overloaded_isRetried() {
    server.enqueue(Reply.status(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
        Reply.text("ok"));
    FaultRun r = run("529 overloaded", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_408Then409_bothRetried() {
    server.enqueue(Reply.status(408, ""), Reply.status(409, "{\"error\":{\"message\":\"conflict\"}}"), Reply.text("ok"));
    FaultRun r = run("408 then 409", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(3, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_slowFirstByte_timesOutAndRetries() {
    HttpBackend backend = HttpBackends.create(TestSpecs.builder("cloud", server, HttpPreset.OPENAI)
        .timeouts(new HttpTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(20)))
        .build());
    server.enqueue(Reply.text("late").headerDelay(3000), Reply.text("fast"));
    FaultRun r = run("slow first byte (3 s, firstToken 300 ms)", backend);
    assertEquals("fast", r.ok().text());
    assertEquals(2, r.attempts());
    assertTrue(r.millis() >= 290 && r.millis() < 2900, "took " + r.millis() + " ms");
  }

  @Test
  void chat_slowFirstByteAlways_failsAsTimeout() {
    HttpBackend backend = HttpBackends.create(TestSpecs.builder("cloud", server, HttpPreset.OPENAI)
        .timeouts(new HttpTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(20)))
        .retry(RetrySettings.DEFAULTS.withMaxAttempts(2).withBackoff(Duration.ofMillis(10), Duration.ofMillis(20)))
        .build());
    server.otherwise(req -> Reply.text("late").headerDelay(3000));
    FaultRun r = run("slow first byte always", backend);
    HttpBackendException e = r.failed(HttpBackendException.class);
    assertEquals(Kind.TIMEOUT, e.kind());
    assertTrue(e.getMessage().contains("no first token within 200 ms"), e.getMessage());
    assertEquals(2, r.attempts());
    assertTrue(r.millis() >= 390 && r.millis() < 2900, "two 200 ms waits, not the 3 s delay: " + r.millis() + " ms");
  }

  @Test
  void chat_stallMidStreamAfterText_failsAsTimeoutKeepingThePartialText() {
    HttpBackend backend = HttpBackends.create(TestSpecs.builder("cloud", server, HttpPreset.OPENAI)
        .timeouts(new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(20)))
        .build());
    server.enqueue(Reply.text("part", "ial").stall(10_000));
    FaultRun r = run("stall mid-stream after text (idle 300 ms)", backend);
    HttpBackendException e = r.failed(HttpBackendException.class);
    assertEquals(Kind.TIMEOUT, e.kind());
    assertEquals("partial", r.streamed());
    assertEquals(1, r.attempts(), "text had reached the caller, so this backend does not retry");
    assertTrue(e.retryable());
    assertTrue(r.millis() >= 290 && r.millis() < 5000, "took " + r.millis() + " ms");
  }

  @Test
  void chat_stallBeforeAnyText_isRetried() {
    HttpBackend backend = HttpBackends.create(TestSpecs.builder("cloud", server, HttpPreset.OPENAI)
        .timeouts(new HttpTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(20)))
        .build());
    server.enqueue(Reply.text().stall(10_000), Reply.text("ok"));
    FaultRun r = run("stall before any text", backend);
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertTrue(r.millis() >= 290 && r.millis() < 2900, "took " + r.millis() + " ms");
  }

  @Test
  void chat_disconnectMidStreamAfterText_failsAsBrokenStreamKeepingThePartialText() {
    server.enqueue(Reply.text("Hel", "lo").then(Ending.DISCONNECT));
    FaultRun r = run("disconnect mid-stream after text", TestSpecs.openai(server));
    HttpBackendException e = r.failed(HttpBackendException.class);
    assertEquals(Kind.BROKEN_STREAM, e.kind());
    assertEquals("Hello", r.streamed());
    assertEquals(1, r.attempts());
    assertTrue(e.getMessage().contains("after 5 characters"), e.getMessage());
    assertQuick(r);
  }

  @Test
  void chat_disconnectBeforeText_isRetried() {
    server.enqueue(Reply.text().then(Ending.DISCONNECT), Reply.text("ok"));
    FaultRun r = run("disconnect after headers, before text", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_connectionDroppedBeforeResponse_isRetried() {
    server.enqueue(Reply.dropConnection(), Reply.text("ok"));
    FaultRun r = run("connection dropped before the response", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_connectionRefused_failsAsProviderUnreachable() {
    FakeProviderServer dead = FakeProviderServer.start(WireFormat.OPENAI_CHAT);
    HttpBackend backend = HttpBackends.create(TestSpecs.builder("cloud", dead, HttpPreset.OPENAI).build());
    dead.close();
    FaultRun r = run("connection refused", backend);
    ProviderUnreachableException e = r.failed(ProviderUnreachableException.class);
    assertEquals(Kind.CONNECTION, e.kind());
    assertEquals(3, e.attempts());
    assertTrue(e.getMessage().contains("is running"), e.getMessage());
    assertQuick(r);
  }

  @Test
  void chat_malformedSseAlways_failsAsBrokenStreamAfterMaxAttempts() {
    server.otherwise(req -> Reply.raw("this is not an event stream", "<html>", ""));
    FaultRun r = run("malformed SSE always", TestSpecs.openai(server));
    HttpBackendException e = r.failed(HttpBackendException.class);
    assertEquals(Kind.BROKEN_STREAM, e.kind());
    assertTrue(e.getMessage().contains("malformed event stream"), e.getMessage());
    assertEquals(3, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_invalidJsonInData_isRetried() {
    server.enqueue(Reply.raw("data: {\"choices\": [{\"delta\": {\"content\": \"a", ""), Reply.text("ok"));
    FaultRun r = run("invalid JSON in an SSE data line", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_invalidJsonWholeBody_failsAsBrokenStream() {
    server.otherwise(req -> Reply.json("{\"choices\": [ this is not json"));
    FaultRun r = run("invalid JSON body (200, application/json)", TestSpecs.openai(server));
    assertEquals(Kind.BROKEN_STREAM, r.failed(HttpBackendException.class).kind());
    assertEquals(3, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_truncatedStreamBeforeText_isRetried() {
    server.enqueue(Reply.text().then(Ending.EOF), Reply.text("ok"));
    FaultRun r = run("truncated stream (no [DONE]) before text", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_truncatedStreamAfterText_failsAsBrokenStream() {
    server.enqueue(Reply.text("a", "b").then(Ending.EOF));
    FaultRun r = run("truncated stream (no [DONE]) after text", TestSpecs.openai(server));
    assertEquals(Kind.BROKEN_STREAM, r.failed(HttpBackendException.class).kind());
    assertEquals("ab", r.streamed());
    assertEquals(1, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_errorEventAfter200_isRetried() {
    server.enqueue(Reply.text().errorEvent("{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}"),
        Reply.text("ok"));
    FaultRun r = run("200 then an error event", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_llamaServerErrorLineAfter200_isTheInvalidRequestOfA400_notRetried() {
    // what llama.cpp's server (b4916) streams for a prompt that does not fit its context
    server.otherwise(req -> Reply.raw("error: {\"code\":400,\"message\":\"the request exceeds the available context size,"
        + " try increasing it\",\"type\":\"invalid_request_error\"}", "", "data: [DONE]", ""));
    FaultRun r = run("200 then llama-server's error line", TestSpecs.openai(server));
    InvalidRequestException e = r.failed(InvalidRequestException.class);
    assertTrue(e.getMessage().contains("exceeds the available context size"), e.getMessage());
    assertEquals(1, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_llamaServerErrorLineWith500_isRetriedLikeA500() {
    server.enqueue(Reply.raw("error: {\"code\":500,\"message\":\"slot crashed\",\"type\":\"server_error\"}", "",
        "data: [DONE]", ""), Reply.text("ok"));
    FaultRun r = run("200 then llama-server's error line with code 500", TestSpecs.openai(server));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
  }

  @Test
  void chat_quotaExhausted429_failsUnavailableAtOnceAndOpensTheCircuit() {
    server.otherwise(req -> Reply.status(429, QUOTA).header("Retry-After", "1"));
    HttpBackend backend = TestSpecs.openai(server);
    FaultRun first = run("429 insufficient_quota", backend);
    BackendUnavailableException e = first.failed(BackendUnavailableException.class);
    assertTrue(e.getMessage().contains("quota"), e.getMessage());
    assertEquals(1, first.attempts());
    assertTrue(first.millis() < 900, "did not wait for Retry-After: " + first.millis() + " ms");
    assertEquals(Availability.UNAVAILABLE, backend.stats().availability());

    FaultRun second = run("any request while the quota circuit is open", backend);
    assertTrue(second.failed(BackendUnavailableException.class).getMessage().contains("circuit open"));
    assertEquals(0, second.attempts());
  }

  @Test
  void chat_401_failsAsAuthAtOnceNamingTheVariable() {
    server.otherwise(req -> Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":"
        + "\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
    FaultRun r = run("401 unauthorized", TestSpecs.openai(server));
    HttpBackendException e = r.failed(HttpBackendException.class);
    assertEquals(Kind.AUTH, e.kind());
    assertFalse(e.retryable());
    assertEquals(1, r.attempts());
    assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    assertQuick(r);
  }

  @Test
  void chat_403_failsAsAuthAtOnce() {
    server.otherwise(req -> Reply.status(403, "{\"error\":{\"message\":\"not allowed\"}}"));
    FaultRun r = run("403 forbidden", TestSpecs.openai(server));
    assertEquals(Kind.AUTH, r.failed(HttpBackendException.class).kind());
    assertEquals(1, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_404_failsAsNotFoundAtOnce() {
    server.otherwise(req -> Reply.status(404, "{\"error\":{\"message\":\"The model does not exist\",\"code\":\"model_not_found\"}}"));
    FaultRun r = run("404 model not found", TestSpecs.openai(server));
    HttpBackendException e = r.failed(HttpBackendException.class);
    assertEquals(Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("fake-model"), e.getMessage());
    assertEquals(1, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_400_throwsInvalidRequestAtOnce() {
    server.otherwise(req -> Reply.status(400, "{\"error\":{\"message\":\"max_tokens is too large\",\"type\":"
        + "\"invalid_request_error\"}}"));
    FaultRun r = run("400 bad request", TestSpecs.openai(server));
    InvalidRequestException e = r.failed(InvalidRequestException.class);
    assertTrue(e.getMessage().contains("max_tokens is too large"), e.getMessage());
    assertEquals(1, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_422_throwsInvalidRequestAtOnce() {
    server.otherwise(req -> Reply.status(422, "{\"detail\":[{\"msg\":\"field required\"}]}"));
    FaultRun r = run("422 unprocessable", TestSpecs.openai(server));
    r.failed(InvalidRequestException.class);
    assertEquals(1, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_retryAfterLongerThanTheDeadline_failsAtOnce() {
    server.otherwise(req -> Reply.status(429, RATE_LIMIT).header("Retry-After", "20"));
    FaultRun r = run("429 Retry-After: 20 with a 2 s request deadline", TestSpecs.openai(server),
        ChatRequest.builder().user("x").timeout(Duration.ofSeconds(2)).build());
    HttpBackendException e = r.failed(HttpBackendException.class);
    assertEquals(Kind.RATE_LIMITED, e.kind());
    assertTrue(e.getMessage().contains("no time left"), e.getMessage());
    assertEquals(1, r.attempts());
    assertTrue(r.millis() < 1900, "took " + r.millis() + " ms");
  }

  @Test
  void chat_retryAfterAboveTheCap_failsAtOnce() {
    HttpBackend backend = HttpBackends.create(TestSpecs.builder("cloud", server, HttpPreset.OPENAI)
        .retry(RetrySettings.DEFAULTS.withMaxRetryAfter(Duration.ofSeconds(1))).build());
    server.otherwise(req -> Reply.status(503, SERVER).header("Retry-After", "5"));
    FaultRun r = run("503 Retry-After: 5 above retry.maxRetryAfter 1 s", backend);
    assertTrue(r.failed(HttpBackendException.class).getMessage().contains("retry.maxRetryAfter"));
    assertEquals(1, r.attempts());
    assertQuick(r);
  }

  @Test
  void chat_requestDeadlineDuringSlowStream_returnsDeadlineWithThePartialText() {
    server.enqueue(Reply.text("a", "b", "c", "d", "e", "f").pieceDelay(200));
    FaultRun r = run("request deadline 700 ms during a slow stream", TestSpecs.openai(server),
        ChatRequest.builder().user("x").timeout(Duration.ofMillis(700)).build());
    ChatResponse resp = r.ok();
    assertEquals(StopReason.DEADLINE, resp.stopReason());
    assertEquals(resp.text(), r.streamed());
    assertFalse(resp.text().isEmpty());
    assertTrue(resp.text().length() < 6, resp.text());
    assertEquals(1, r.attempts());
    assertTrue(r.millis() >= 690 && r.millis() < 3000, "took " + r.millis() + " ms");
  }

  @Test
  void chat_cancelledMidStream_returnsCancelledWithThePartialTextPromptly() {
    server.enqueue(Reply.text("one ", "two ", "three").pieceDelay(300));
    Cancellation c = new Cancellation();
    StringBuilder seen = new StringBuilder();
    long t0 = System.nanoTime();
    ChatResponse r = TestSpecs.openai(server).chat(ChatRequest.builder().user("x").cancellation(c).build(), piece -> {
      seen.append(piece);
      new Thread(c::cancel).start();
    });
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("FAULT | caller cancels after the first piece | answer '" + r.text() + "' (" + r.stopReason()
        + ") | attempts=1 | " + ms + " ms");
    assertEquals(StopReason.CANCELLED, r.stopReason());
    assertEquals("one ", r.text());
    assertEquals("one ", seen.toString());
    assertTrue(ms < 3000, "took " + ms + " ms");
  }

  @Test
  void chat_interruptedMidStream_returnsCancelledWithThePartialText() throws Exception {
    server.enqueue(Reply.text("one ", "two ", "three").pieceDelay(300));
    HttpBackend backend = TestSpecs.openai(server);
    CountDownLatch firstPiece = new CountDownLatch(1);
    AtomicReference<ChatResponse> result = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread t = new Thread(() -> {
      result.set(backend.chat(ask(), piece -> firstPiece.countDown()));
      stillInterrupted.set(Thread.currentThread().isInterrupted());
    });
    t.start();
    assertTrue(firstPiece.await(5, TimeUnit.SECONDS));
    t.interrupt();
    t.join(3000);
    assertFalse(t.isAlive());
    assertEquals(StopReason.CANCELLED, result.get().stopReason());
    assertEquals("one ", result.get().text());
    assertTrue(stillInterrupted.get());
  }

  @Test
  void chat_interruptedDuringBackoff_returnsCancelledAndKeepsTheInterrupt() throws Exception {
    server.otherwise(req -> Reply.status(503, SERVER).header("Retry-After", "10"));
    HttpBackend backend = HttpBackends.create(TestSpecs.builder("cloud", server, HttpPreset.OPENAI)
        .retry(RetrySettings.DEFAULTS.withMaxRetryAfter(Duration.ofSeconds(15))).build());
    AtomicReference<ChatResponse> result = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread t = new Thread(() -> {
      result.set(backend.chat(ask()));
      stillInterrupted.set(Thread.currentThread().isInterrupted());
    });
    t.start();
    while (server.chatRequests() == 0) {
      Thread.sleep(10);
    }
    Thread.sleep(100);
    t.interrupt();
    t.join(5000);
    assertFalse(t.isAlive());
    assertNotNull(result.get());
    assertEquals(StopReason.CANCELLED, result.get().stopReason());
    assertTrue(stillInterrupted.get());
    assertEquals(1, server.chatRequests());
  }
}
