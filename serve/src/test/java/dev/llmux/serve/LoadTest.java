package dev.llmux.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 64 concurrent streaming clients (the JDK's HTTP client, HTTP/1.1) against the tiny model served
 * with room for 8 requests: every client gets either one whole answer or a clean 429, no event is
 * duplicated or mixed between answers, and the server is healthy and idle afterwards. How many get
 * 429 depends on timing; only their sum is asserted.
 */
final class LoadTest {

  private static final int CLIENTS = 64;
  private static final int QUEUE = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one client saw. */
  record Seen(int status, String id, long ttftNanos, String text, int tokens) {}

  @Test
  void stream_64Clients_eachGetsAWholeAnswerOrA429AndTheServerRecovers() throws Exception {
    try (ServedTiny served = new ServedTiny(QUEUE, null)) {
      URI base = served.server.baseUri();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String body = "{\"model\":\"tiny\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":24,"
          + "\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about routers.\"}]}";
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Seen>> futures = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          long t0 = System.nanoTime();
          HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(base.resolve("chat/completions"))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofLines());
          if (r.statusCode() == 429) {
            String text = String.join("\n", (Iterable<String>) r.body()::iterator);
            assertTrue(r.headers().firstValue("Retry-After").isPresent(), "429 without Retry-After");
            assertEquals("queue_full", JSON.readTree(text).path("error").path("code").asText(), text);
            return new Seen(429, null, 0, null, 0);
          }
          assertEquals(200, r.statusCode());
          return read(r.body().iterator(), t0);
        }));
      }
      go.countDown();
      List<Seen> seen = new ArrayList<>();
      for (Future<Seen> f : futures) {
        seen.add(f.get(10, TimeUnit.MINUTES)); // bounds a hang only
      }
      pool.shutdown();

      List<Seen> answered = seen.stream().filter(s -> s.status() == 200).toList();
      long rejected = seen.stream().filter(s -> s.status() == 429).count();
      assertEquals(CLIENTS, answered.size() + rejected);
      assertTrue(answered.size() >= 1, "at least the first requests are answered");
      Set<String> ids = new HashSet<>();
      for (Seen s : answered) {
        assertTrue(ids.add(s.id()), "answer id seen twice: " + s.id());
      }
      List<Long> ttft = new ArrayList<>(answered.stream().map(Seen::ttftNanos).toList());
      Collections.sort(ttft);
      System.out.printf("load: %d clients, %d answered, %d got 429; TTFT p50 %.1f ms, p99 %.1f ms%n", CLIENTS,
          answered.size(), rejected, ttft.get(ttft.size() / 2) / 1e6, ttft.get((int) Math.ceil(ttft.size() * 0.99) - 1) / 1e6);

      HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ready.statusCode());
      String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(metrics.contains("llmux_requests_total{model=\"tiny\",status=\"200\"} " + answered.size() + ".0"), metrics);
      if (rejected > 0) {
        assertTrue(metrics.contains("llmux_requests_total{model=\"tiny\",status=\"429\"} " + rejected + ".0"), metrics);
      }
      assertTrue(metrics.contains("llmux_in_flight_requests{backend=\"tiny\"} 0.0"), metrics);
      assertTrue(metrics.contains("llmux_queue_depth{backend=\"tiny\"} 0.0"), metrics);
      assertEquals(0, served.model.stats().inFlight());
      Seen after = read(http.send(HttpRequest.newBuilder(base.resolve("chat/completions"))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofLines()).body().iterator(),
          System.nanoTime());
      assertTrue(after.tokens() >= 1, "the server still answers");
    }
  }

  /** Reads one event stream, checking its shape: role first, one finish reason, one usage chunk, [DONE] last. */
  private static Seen read(java.util.Iterator<String> lines, long t0) throws Exception {
    String id = null;
    long first = 0;
    int finishes = 0;
    int usages = 0;
    int tokens = -1;
    boolean done = false;
    StringBuilder text = new StringBuilder();
    int events = 0;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        continue;
      }
      assertTrue(line.startsWith("data: "), "not an SSE data line: " + line);
      String data = line.substring(6);
      if (done) {
        fail("an event after [DONE]: " + data);
      }
      if (data.equals("[DONE]")) {
        done = true;
        continue;
      }
      JsonNode c = JSON.readTree(data);
      assertEquals("chat.completion.chunk", c.path("object").asText(), data);
      if (id == null) {
        id = c.get("id").asText();
        assertEquals("assistant", c.path("choices").path(0).path("delta").path("role").asText(), "role first: " + data);
      } else {
        assertEquals(id, c.get("id").asText(), "events of two answers mixed");
      }
      events++;
      if (c.hasNonNull("usage")) {
        usages++;
        tokens = c.get("usage").get("completion_tokens").asInt();
        continue;
      }
      JsonNode choice = c.path("choices").path(0);
      String piece = choice.path("delta").path("content").asText("");
      if (!piece.isEmpty() && first == 0) {
        first = System.nanoTime();
      }
      text.append(piece);
      if (choice.hasNonNull("finish_reason")) {
        finishes++;
      }
    }
    assertTrue(done, "the stream ends with [DONE]");
    assertEquals(1, finishes, "one finish reason");
    assertEquals(1, usages, "one usage chunk");
    assertNotNull(id);
    assertTrue(tokens >= 1 && tokens <= 24, "tokens " + tokens);
    assertTrue(events >= 3, "role, content, finish and usage events: " + events);
    return new Seen(200, id, (first == 0 ? System.nanoTime() : first) - t0, text.toString(), tokens);
  }
}
