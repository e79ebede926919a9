package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.BackendStats.Availability;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The circuit breaker and the shared retry limiter against a real loopback server. */
final class ResilienceTest {

  private static final String SERVER = "{\"error\":{\"message\":\"down\",\"type\":\"server_error\"}}";

  private final FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT);

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpBackend backend(CircuitSettings circuit, RetrySettings retry) {
    return HttpBackends.create(TestSpecs.builder("cloud", server, HttpPreset.OPENAI).circuit(circuit).retry(retry).build());
  }

  @Test
  void chat_duringOutage_circuitOpensAfterAFewAttemptsAndLaterRequestsSendNothing() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    server.otherwise(req -> down.get() ? Reply.status(503, SERVER) : Reply.text("back"));
    HttpBackend backend = backend(new CircuitSettings(10, 5, 0.5, Duration.ofMillis(1000), Duration.ofMinutes(1)),
        RetrySettings.DEFAULTS.withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)));
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      FaultRun r = FaultRun.of(backend, server, ChatRequest.builder().user("q" + i).build());
      seen.add(r.error().getClass().getSimpleName() + "/" + r.attempts());
    }
    System.out.println("FAULT | outage, 20 sequential requests | " + seen + " | attempts=" + server.chatRequests() + " | -");
    assertEquals(5, server.chatRequests(), "3 attempts for the first request, 2 for the second, then the circuit opened");
    assertEquals("HttpBackendException/3", seen.get(0));
    assertEquals("HttpBackendException/2", seen.get(1));
    for (int i = 2; i < 20; i++) {
      assertEquals("BackendUnavailableException/0", seen.get(i), "request " + i);
    }
    assertEquals(Availability.UNAVAILABLE, backend.stats().availability());

    down.set(false);
    Thread.sleep(1100);
    assertEquals(Availability.PROBING, backend.stats().availability());
    assertEquals("back", backend.chat(ChatRequest.builder().user("probe").build()).text());
    assertEquals(Availability.AVAILABLE, backend.stats().availability());
    assertEquals(6, server.chatRequests());
  }

  @Test
  void chat_probeFailsWhileStillDown_reopensAfterOneAttempt() throws Exception {
    server.otherwise(req -> Reply.status(500, SERVER));
    HttpBackend backend = backend(new CircuitSettings(4, 2, 0.5, Duration.ofMillis(500), Duration.ofMinutes(1)),
        RetrySettings.NONE);
    FaultRun.of(backend, server, ChatRequest.builder().user("a").build());
    FaultRun.of(backend, server, ChatRequest.builder().user("b").build());
    assertEquals(Availability.UNAVAILABLE, backend.stats().availability());
    Thread.sleep(600);
    FaultRun probe = FaultRun.of(backend, server, ChatRequest.builder().user("probe").build());
    assertEquals(1, probe.attempts());
    assertEquals(Availability.UNAVAILABLE, backend.stats().availability());
    FaultRun after = FaultRun.of(backend, server, ChatRequest.builder().user("after").build());
    after.failed(BackendUnavailableException.class);
    assertEquals(0, after.attempts());
  }

  @Test
  void chat_concurrentRequestsDuringOutage_payAtMostOneFailedAttemptEach() throws Exception {
    int n = 40;
    CountDownLatch allArrived = new CountDownLatch(n);
    server.otherwise(req -> {
      allArrived.countDown();
      try {
        allArrived.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Reply.status(503, SERVER);
    });
    HttpBackend backend = backend(new CircuitSettings(10, 5, 0.5, Duration.ofSeconds(30), Duration.ofMinutes(1)),
        RetrySettings.DEFAULTS.withBackoff(Duration.ofMillis(20), Duration.ofMillis(40)));
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<FaultRun>> runs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int id = i;
        runs.add(pool.submit(() -> FaultRun.of(backend, server, ChatRequest.builder().user("q" + id).build())));
      }
      for (Future<FaultRun> f : runs) {
        assertTrue(f.get(20, TimeUnit.SECONDS).error() != null);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("FAULT | outage, " + n + " concurrent requests | all failed | attempts=" + server.chatRequests()
        + " | -");
    // At the onset, a request whose failure was recorded first may retry before the others' failures
    // open the circuit (how many depends on thread scheduling); a retry storm would be 3 attempts each.
    int onset = server.chatRequests();
    assertTrue(onset >= n && onset <= n + n / 4, "about one attempt per request at the onset, not a storm: " + onset);
    // Once the circuit is open, requests fail fast without reaching the server at all.
    for (int i = 0; i < n; i++) {
      assertTrue(FaultRun.of(backend, server, ChatRequest.builder().user("again" + i).build()).error() != null);
    }
    assertEquals(onset, server.chatRequests(), "no request passed the open circuit");
  }

  @Test
  void chat_sharedRetryLimiterFull_failsTheRetriesItCannotHold() throws Exception {
    int n = 6;
    CountDownLatch firstAttempts = new CountDownLatch(n);
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    server.otherwise(req -> {
      String q = req.lastMessage();
      if (failedOnce.add(q)) {
        firstAttempts.countDown();
        try {
          firstAttempts.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Reply.status(503, SERVER).header("retry-after-ms", "1000");
      }
      return Reply.text("ok");
    });
    HttpBackend backend = backend(new CircuitSettings(100, 100, 1.0, Duration.ofSeconds(30), Duration.ofMinutes(1)),
        RetrySettings.DEFAULTS.withMaxConcurrentRetries(1));
    ExecutorService pool = Executors.newFixedThreadPool(n);
    int answered = 0;
    int refused = 0;
    try {
      List<Future<FaultRun>> runs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int id = i;
        runs.add(pool.submit(() -> FaultRun.of(backend, server, ChatRequest.builder().user("q" + id).build())));
      }
      for (Future<FaultRun> f : runs) {
        FaultRun r = f.get(20, TimeUnit.SECONDS);
        if (r.error() == null) {
          answered++;
        } else {
          assertTrue(r.error().getMessage().contains("retry.maxConcurrentRetries"), r.error().getMessage());
          refused++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("FAULT | 6 concurrent 503s, retry limiter 1 | answered=" + answered + " refused=" + refused
        + " | attempts=" + server.chatRequests() + " | -");
    assertEquals(1, answered);
    assertEquals(n - 1, refused);
    assertEquals(n + 1, server.chatRequests());
  }
}
