package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.FallbackBackend;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Ending;
import dev.llmux.engine.testing.FakeProviderServer.Recorded;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fallback chain of HTTP backends: a failing primary and a healthy second, under load. */
final class HttpFallbackTest {

  private static final Pattern ID = Pattern.compile("request (\\d+)");

  private final FakeProviderServer failing = FakeProviderServer.start(WireFormat.OPENAI_CHAT);
  private final FakeProviderServer healthy = FakeProviderServer.start(WireFormat.OPENAI_CHAT);

  @AfterEach
  void stop() {
    failing.close();
    healthy.close();
  }

  /** The whole answer to request {@code n}, as both servers would give it. */
  private static String full(int n) {
    return "answer to request " + n + ": alpha beta gamma delta epsilon";
  }

  private static String[] words(String s) {
    return s.split("(?<= )");
  }

  private static int id(Recorded r) {
    Matcher m = ID.matcher(r.json().path("messages").get(0).path("content").asText());
    if (!m.find()) {
      throw new AssertionError("no request id in " + r.body());
    }
    return Integer.parseInt(m.group(1));
  }

  /** The healthy server answers in full, or continues a prefix it is given as a trailing assistant message. */
  private static Reply continuing(Recorded r) {
    String whole = full(id(r));
    if (!r.lastRole().equals("assistant")) {
      return Reply.text(words(whole));
    }
    String prefix = r.lastMessage();
    return whole.startsWith(prefix) ? Reply.text(words(whole.substring(prefix.length()))) : Reply.text("MISMATCH");
  }

  private HttpBackend backend(String name, FakeProviderServer server) {
    return HttpBackends.create(TestSpecs.builder(name, server, HttpPreset.LLAMA_SERVER)
        .timeouts(new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(60)))
        .retry(RetrySettings.DEFAULTS.withMaxAttempts(2).withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)))
        .circuit(new CircuitSettings(10, 5, 0.5, Duration.ofMillis(50), Duration.ofMinutes(1)))
        .build());
  }

  @Test
  void chat_streamBreaksMidAnswer_fallbackContinuesItSeamlessly() {
    failing.enqueue(Reply.text(Arrays.copyOf(words(full(1)), 4)).then(Ending.DISCONNECT));
    healthy.otherwise(HttpFallbackTest::continuing);
    FallbackBackend chain = FallbackBackend.of("primary", List.of(backend("local", failing), backend("cloud", healthy)));
    StringBuilder streamed = new StringBuilder();
    ChatResponse r = chain.chat(ChatRequest.builder().user("request 1").build(), streamed::append);

    assertEquals(full(1), r.text());
    assertEquals(full(1), streamed.toString());
    assertEquals(List.of("local", "cloud"), r.servedBy());
    assertEquals("cloud", r.backend());
    Recorded continuation = healthy.chatLog().get(0);
    assertEquals("assistant", continuation.lastRole());
    assertEquals("answer to request 1: ", continuation.lastMessage());
  }

  @Test
  void chat_primaryRejectsTheKey_fallsBackToTheNext() {
    failing.otherwise(r -> Reply.status(401, "{\"error\":{\"message\":\"invalid key\"}}"));
    healthy.otherwise(HttpFallbackTest::continuing);
    FallbackBackend chain = FallbackBackend.of("primary", List.of(backend("local", failing), backend("cloud", healthy)));
    ChatResponse r = chain.chat(ChatRequest.builder().user("request 7").build());
    assertEquals(full(7), r.text());
    assertEquals(List.of("cloud"), r.servedBy());
    assertEquals(1, failing.chatRequests());
  }

  @Test
  void chat_primaryRejectsTheRequest_failsWithoutAskingTheNext() {
    failing.otherwise(r -> Reply.status(400, "{\"error\":{\"message\":\"prompt too long\"}}"));
    healthy.otherwise(HttpFallbackTest::continuing);
    FallbackBackend chain = FallbackBackend.of("primary", List.of(backend("local", failing), backend("cloud", healthy)));
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> chain.chat(ChatRequest.builder().user("request 8").build()));
    assertTrue(e.getMessage().contains("prompt too long"), e.getMessage());
    assertEquals(1, failing.chatRequests(), "a refusal is not retried");
    assertEquals(0, healthy.chatRequests(), "a fallback that answered would hide the refusal");
  }

  @Test
  void chat_primaryRejectsTheRequestInsideA200Stream_failsWithoutAskingTheNext() {
    failing.otherwise(r -> Reply.raw("error: {\"code\":400,\"message\":\"the request exceeds the available context size\","
        + "\"type\":\"invalid_request_error\"}", "", "data: [DONE]", ""));
    healthy.otherwise(HttpFallbackTest::continuing);
    FallbackBackend chain = FallbackBackend.of("primary", List.of(backend("local", failing), backend("cloud", healthy)));
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> chain.chat(ChatRequest.builder().user("request 9").build()));
    assertTrue(e.getMessage().contains("exceeds the available context size"), e.getMessage());
    assertEquals(1, failing.chatRequests(), "a rejected request is not retried");
    assertEquals(0, healthy.chatRequests(), "nor sent to the next backend");
  }

  @Test
  void chat_200ConcurrentRequestsAcrossFailingAndHealthy_eachGetsExactlyOneWholeAnswer() throws Exception {
    int n = 200;
    failing.otherwise(r -> {
      int id = id(r);
      String[] w = words(full(id));
      return switch (id % 5) {
        case 0 -> Reply.status(503, "{\"error\":{\"message\":\"overloaded\"}}");
        case 1 -> Reply.text(Arrays.copyOf(w, 1 + id % 4)).then(Ending.DISCONNECT);
        case 2 -> Reply.dropConnection();
        case 3 -> Reply.raw("data: {broken json", "");
        default -> Reply.text(w);
      };
    });
    healthy.otherwise(HttpFallbackTest::continuing);
    FallbackBackend chain = FallbackBackend.of("primary", List.of(backend("local", failing), backend("cloud", healthy)));

    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String[]>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        int id = i;
        futures.add(pool.submit(() -> {
          go.await();
          StringBuilder streamed = new StringBuilder();
          ChatResponse r = chain.chat(ChatRequest.builder().user("request " + id).build(), streamed::append);
          return new String[] {r.text(), streamed.toString(), String.join(",", r.servedBy())};
        }));
      }
      go.countDown();
      Map<String, Integer> byServer = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String[] got = futures.get(i).get(60, TimeUnit.SECONDS);
        assertEquals(full(i), got[0], "request " + i + " text");
        assertEquals(full(i), got[1], "request " + i + " streamed exactly once");
        byServer.merge(got[2], 1, Integer::sum);
        if (got[2].equals("local,cloud")) {
          assertEquals(1, i % 5, "only streams cut mid-answer are continued (request " + i + ")");
        }
      }
      Map<Integer, Integer> healthyAsked = new HashMap<>();
      for (Recorded r : healthy.chatLog()) {
        healthyAsked.merge(id(r), 1, Integer::sum);
      }
      healthyAsked.forEach((id, count) -> assertEquals(1, count, "request " + id + " reached the healthy backend once"));
      int answeredByFailing = byServer.getOrDefault("local", 0);
      assertEquals(n, answeredByFailing + healthyAsked.size(), "every request answered once, none lost");
      assertTrue(byServer.keySet().stream().allMatch(k -> List.of("local", "cloud", "local,cloud").contains(k)), byServer.toString());
      System.out.println("FAULT | 200 concurrent requests, failing + healthy with fallback | servedBy " + byServer
          + " | attempts on failing=" + failing.chatRequests() + ", on healthy=" + healthy.chatRequests() + " | -");
    } finally {
      pool.shutdownNow();
    }
  }
}
