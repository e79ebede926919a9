package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.FallbackBackend;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.testing.RealLlamaServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real {@code llama-server} of llama.cpp b4916 in {@code ../shared/tools} (skipped,
 * saying why, where that folder is absent): a streamed request whose prompt does not fit its
 * context gets HTTP 200 and then an {@code error:} line, which must be the same invalid request as
 * a 400 status: not retried, not passed on to a fallback.
 */
final class RealLlamaServerTest {

  private static RealLlamaServer server;
  private static String baseUrl;

  @BeforeAll
  static void start() throws Exception {
    server = RealLlamaServer.startOrSkip();
    baseUrl = server.baseUrl();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static HttpBackend backend(String name) {
    return HttpBackends.create(HttpBackendSpec.builder(name, HttpPreset.LLAMA_SERVER, "tiny").baseUrl(URI.create(baseUrl))
        .timeouts(new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60),
            Duration.ofSeconds(120)))
        .retry(RetrySettings.DEFAULTS.withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)))
        .build());
  }

  private static ChatRequest tooLong() {
    return ChatRequest.builder().user("hello world ".repeat(200)).maxTokens(4).build();
  }

  @Test
  void chat_promptBeyondTheContext_streamedError_isAnInvalidRequestAfterOneAttempt() {
    HttpBackend b = backend("llama-server");
    AtomicInteger pieces = new AtomicInteger();
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> b.chat(tooLong(), t -> pieces.incrementAndGet()));
    assertTrue(e.getMessage().contains("exceeds the available context size"), e.getMessage());
    assertFalse(e.getMessage().contains("not an SSE field"), e.getMessage());
    assertEquals(0, pieces.get());
    assertFalse(e.getMessage().contains("attempt"), "a rejected request is not retried: " + e.getMessage());
  }

  @Test
  void chat_promptBeyondTheContext_isNotHiddenByAFallback() {
    HttpBackend first = backend("local-server");
    HttpBackend second = backend("other-server");
    FallbackBackend chain = FallbackBackend.of("primary", List.of(first, second));
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> chain.chat(tooLong(), t -> { }));
    assertTrue(e.getMessage().contains("local-server"), e.getMessage());
    assertEquals(0, second.stats().completed(), "the fallback was asked the same rejected request");
  }

  @Test
  void chat_promptThatFits_streamsAnAnswer() {
    StringBuilder streamed = new StringBuilder();
    var r = backend("llama-server").chat(ChatRequest.builder().user("hi").maxTokens(4).build(), streamed::append);
    assertEquals(r.text(), streamed.toString());
    assertTrue(r.usage().completionTokens() > 0, r.toString());
  }
}
