package dev.llmux.engine.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.Cancellation;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real llama.cpp inference on the tiny synthetic model. */
final class LlamaBackendTest {

  private static LlamaBackend backend;

  @BeforeAll
  static void load() {
    backend = LlamaBackend.load(LocalModelSpec.builder("tiny", TestModels.tiny()).threads(2).parallel(4).contextSize(2048).build());
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  private static ChatRequest.Builder greedy(int maxTokens) {
    return ChatRequest.builder().rawPrompt("The quick brown fox").temperature(0).maxTokens(maxTokens).ignoreEos(true);
  }

  @Test
  void load_syntheticModel_isMarkedSynthetic() {
    assertTrue(backend.synthetic());
    assertEquals(ChatTemplate.CHATML, backend.chatTemplate());
    assertEquals(2048, backend.contextSize());
  }

  @Test
  void tokenize_roundTrip_givesTheTextBack() {
    String text = "Hello, wörld! 42 ✓";
    int[] tokens = backend.tokenize(text);
    assertTrue(tokens.length >= text.length() / 4, "tokens: " + tokens.length);
    assertEquals(text, backend.detokenize(tokens).strip().replace('▁', ' ').strip());
  }

  @Test
  void chat_greedy_isDeterministic() {
    ChatResponse a = backend.chat(greedy(24).build());
    ChatResponse b = backend.chat(greedy(24).build());
    assertEquals(a.text(), b.text());
    assertFalse(a.text().isEmpty());
  }

  @Test
  void chat_ignoreEos_producesExactlyMaxTokensWithPlausibleTimings() {
    ChatResponse r = backend.chat(greedy(16).build());
    assertEquals(StopReason.LENGTH, r.stopReason());
    assertEquals(16, r.usage().completionTokens());
    assertEquals(backend.countPromptTokens("The quick brown fox"), r.usage().promptTokens());
    assertTrue(r.timings().timeToFirstTokenMillis() > 0);
    assertTrue(r.timings().timeToFirstTokenMillis() <= r.timings().totalMillis());
    assertTrue(r.timings().decodeTokensPerSecond() > 0);
    assertEquals("tiny", r.backend());
  }

  @Test
  void chat_streaming_deliversTheSameTextAsTheResponse() {
    StringBuilder streamed = new StringBuilder();
    ChatResponse r = backend.chat(greedy(20).build(), streamed::append);
    assertEquals(r.text(), streamed.toString());
  }

  @Test
  void stream_iterator_yieldsTheResponseTextAndCloseCancels() {
    StringBuilder pulled = new StringBuilder();
    try (dev.llmux.engine.TokenStream s = dev.llmux.engine.Backends.stream(backend, greedy(20).build())) {
      s.forEachRemaining(pulled::append);
      assertEquals(s.response().text(), pulled.toString());
      assertEquals(StopReason.LENGTH, s.response().stopReason());
    }
    dev.llmux.engine.TokenStream endless = dev.llmux.engine.Backends.stream(backend, greedy(1_000_000).build());
    assertTrue(endless.hasNext());
    endless.close();
    assertEquals(StopReason.CANCELLED, endless.response().stopReason());
  }

  @Test
  void chat_stopString_endsBeforeItsFirstOccurrence() {
    String full = backend.chat(greedy(40).build()).text();
    assertTrue(full.length() >= 8, "need some text to pick a stop string from: " + full);
    String stop = full.substring(4, 7);
    int at = full.indexOf(stop);
    StringBuilder streamed = new StringBuilder();
    ChatResponse r = backend.chat(greedy(40).stop(stop).build(), streamed::append);
    assertEquals(StopReason.STOP_STRING, r.stopReason());
    assertEquals(full.substring(0, at), r.text());
    assertEquals(r.text(), streamed.toString());
  }

  @Test
  void chat_jsonSchema_outputParsesAndValidates() throws Exception {
    String schema = """
        {"type":"object","properties":{"tool":{"enum":["write_file","run_tests"]},
         "path":{"type":"string","maxLength":12},"count":{"type":"integer"}},
         "required":["tool","path","count"],"additionalProperties":false}""";
    for (long seed = 1; seed <= 3; seed++) {
      ChatResponse r = backend.chat(ChatRequest.builder().user("Call a tool.").jsonSchema(schema).temperature(1.0)
          .seed(seed).maxTokens(300).build());
      JsonNode n = new ObjectMapper().readTree(r.text());
      assertTrue(n.get("tool").asText().equals("write_file") || n.get("tool").asText().equals("run_tests"), r.text());
      // The grammar counts characters as llama.cpp decodes them; random byte tokens can form invalid
      // UTF-8 that Java decodes to U+FFFD, so the Java length is only bounded loosely.
      assertTrue(n.get("path").isTextual() && n.get("path").asText().length() <= 4 * 12, r.text());
      assertTrue(n.get("count").isIntegralNumber(), r.text());
      assertEquals(3, n.size(), r.text());
    }
  }

  @Test
  void chat_invalidSchema_isRejectedBeforeNativeCode() {
    assertThrows(InvalidRequestException.class,
        () -> backend.chat(ChatRequest.builder().user("x").jsonSchema("{\"type\":\"objekt\"}").build()));
    assertThrows(InvalidRequestException.class,
        () -> backend.chat(ChatRequest.builder().user("x").jsonSchema("{not json").build()));
  }

  @Test
  void chat_cancelFromAnotherThread_endsPromptlyAndModelServesNextRequest() throws Exception {
    Cancellation cancel = new Cancellation();
    CountDownLatch firstToken = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<ChatResponse> f = pool.submit(() -> backend.chat(
          greedy(1_000_000).cancellation(cancel).build(), piece -> firstToken.countDown()));
      assertTrue(firstToken.await(30, TimeUnit.SECONDS));
      long t0 = System.nanoTime();
      cancel.cancel();
      ChatResponse r = f.get(10, TimeUnit.SECONDS);
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "cancellation took too long");
      assertEquals(StopReason.CANCELLED, r.stopReason());
      assertTrue(r.usage().completionTokens() < 1_000_000);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(StopReason.LENGTH, backend.chat(greedy(8).build()).stopReason());
  }

  @Test
  void chat_interruptedThread_endsWithCancelled() throws Exception {
    AtomicReference<ChatResponse> result = new AtomicReference<>();
    CountDownLatch firstToken = new CountDownLatch(1);
    Thread t = new Thread(() -> result.set(backend.chat(greedy(1_000_000).build(), piece -> firstToken.countDown())));
    t.start();
    assertTrue(firstToken.await(30, TimeUnit.SECONDS));
    t.interrupt();
    t.join(10_000);
    assertFalse(t.isAlive());
    assertEquals(StopReason.CANCELLED, result.get().stopReason());
  }

  @Test
  void chat_timeout_endsWithDeadline() {
    ChatResponse r = backend.chat(greedy(1_000_000).timeout(java.time.Duration.ofMillis(300)).build());
    assertEquals(StopReason.DEADLINE, r.stopReason());
    assertTrue(r.timings().totalMillis() < 10_000);
  }

  @Test
  void chat_fourThreadsAtOnce_eachGetsACompleteAnswer() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ChatResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int seed = i;
        futures.add(pool.submit(() -> backend.chat(ChatRequest.builder().rawPrompt("Thread " + seed + " says")
            .temperature(0.9).seed(seed).maxTokens(32).ignoreEos(true).build())));
      }
      List<String> texts = new ArrayList<>();
      for (Future<ChatResponse> f : futures) {
        ChatResponse r = f.get(60, TimeUnit.SECONDS);
        assertEquals(StopReason.LENGTH, r.stopReason());
        assertEquals(32, r.usage().completionTokens());
        texts.add(r.text());
      }
      assertNotEquals(texts.get(0), texts.get(1), "different prompts and seeds should give different answers");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, backend.stats().inFlight());
  }

  @Test
  void chat_promptLongerThanSlotContext_isRejectedWithSizes() {
    String longPrompt = "word ".repeat(3000);
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> backend.chat(ChatRequest.builder().rawPrompt(longPrompt).maxTokens(4).build()));
    assertTrue(e.getMessage().contains("tokens of context per slot"), e.getMessage());
  }

  @Test
  void load_contextBeyondTrained_isAConfigError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> LlamaBackend.load(LocalModelSpec.builder("big", TestModels.tiny()).contextSize(1 << 20).build()));
    assertTrue(e.getMessage().contains("trained"), e.getMessage());
  }

  @Test
  void load_doesNotTouchFilesInTheTemporaryFolder() throws Exception {
    Path canary = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "llama-canary", ".so");
    try {
      LlamaBackend.load(LocalModelSpec.builder("tiny2", TestModels.tiny()).warmup(false).build()).close();
      assertTrue(Files.exists(canary), "the binding's loader must not clean the temporary folder");
    } finally {
      Files.deleteIfExists(canary);
    }
  }

  @Test
  void close_thenChat_isUnavailable() {
    LlamaBackend b = LlamaBackend.load(LocalModelSpec.builder("tiny3", TestModels.tiny()).warmup(false).build());
    b.close();
    assertThrows(BackendUnavailableException.class, () -> b.chat(greedy(4).build()));
  }
}
