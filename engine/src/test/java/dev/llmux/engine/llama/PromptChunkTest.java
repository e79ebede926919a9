package dev.llmux.engine.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.Cancellation;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.testing.TestModels;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A long prompt is fed in chunks, and cancellation and deadlines act between them (real llama.cpp, tiny model). */
final class PromptChunkTest {

  private static final int CHUNK = 16;
  private static LlamaBackend chunked;
  private static LlamaBackend whole;

  @BeforeAll
  static void load() {
    chunked = LlamaBackend.load(LocalModelSpec.builder("tiny-chunked", TestModels.tiny()).threads(1).parallel(2)
        .contextSize(2048).promptChunk(CHUNK).build());
    whole = LlamaBackend.load(LocalModelSpec.builder("tiny-whole", TestModels.tiny()).threads(1).contextSize(1024)
        .promptChunk(0).build());
  }

  @AfterAll
  static void close() {
    chunked.close();
    whole.close();
  }

  private static String firstWord(String text) {
    String t = text.strip();
    int space = t.indexOf(' ');
    return space < 0 ? t : t.substring(0, space);
  }

  private static String longPrompt() {
    return "The router reads the prompt and picks a model for each request. ".repeat(2);
  }

  private static ChatRequest.Builder greedy(String prompt) {
    return ChatRequest.builder().rawPrompt(prompt).temperature(0).maxTokens(12).ignoreEos(true);
  }

  @Test
  void chat_chunkedPrompt_answersAsTheWholePromptDoes() {
    List<Integer> cached = new CopyOnWriteArrayList<>();
    chunked.afterChunk = cached::add;
    try {
      String prompt = "variant " + System.nanoTime() + longPrompt(); // not cached in any slot yet
      ChatResponse a = chunked.chat(greedy(prompt).build());
      ChatResponse b = whole.chat(greedy(prompt).build());
      int tokens = chunked.tokenize(prompt).length;
      // The same prompt tokens reach the model: the first greedy token agrees. Later tokens may not:
      // a prompt split into other batch sizes sums in another order, and random weights have
      // near-ties that such rounding flips.
      assertEquals(firstWord(b.text()), firstWord(a.text()), b.text() + " / " + a.text());
      assertEquals(b.usage(), a.usage());
      // Chunks start after whatever prefix the slot already held, then grow by CHUNK until at most
      // CHUNK tokens are left for the final request.
      assertFalse(cached.isEmpty(), "a " + tokens + "-token prompt is fed in chunks");
      for (int i = 1; i < cached.size(); i++) {
        assertEquals(CHUNK, cached.get(i) - cached.get(i - 1), "chunks: " + cached);
      }
      int last = cached.get(cached.size() - 1);
      assertTrue(tokens - last <= CHUNK && tokens - last > 0, "tokens " + tokens + ", chunks: " + cached);
    } finally {
      chunked.afterChunk = n -> { };
    }
  }

  @Test
  void chat_samePromptAgain_feedsNoChunksForTheCachedPrefix() {
    String prompt = "again " + System.nanoTime() + longPrompt();
    chunked.chat(greedy(prompt).build());
    List<Integer> cached = new CopyOnWriteArrayList<>();
    chunked.afterChunk = cached::add;
    try {
      // Two slots: the second call may land in the other slot, which has not seen the prompt.
      ChatResponse r = chunked.chat(greedy(prompt).build());
      ChatResponse s = chunked.chat(greedy(prompt).build());
      assertEquals(r.usage(), s.usage());
      assertTrue(cached.size() <= (chunked.tokenize(prompt).length - 1) / CHUNK, "chunks: " + cached);
    } finally {
      chunked.afterChunk = n -> { };
    }
  }

  @Test
  void chat_cancelledAfterFirstChunk_stopsBeforeTheNextChunk() {
    Cancellation cancel = new Cancellation();
    List<Integer> cached = new CopyOnWriteArrayList<>();
    chunked.afterChunk = n -> {
      cached.add(n);
      cancel.cancel();
    };
    try {
      StringBuilder streamed = new StringBuilder();
      ChatResponse r = chunked.chat(greedy("cancel " + System.nanoTime() + longPrompt()).cancellation(cancel).build(),
          streamed::append);
      assertEquals(StopReason.CANCELLED, r.stopReason());
      assertEquals(1, cached.size(), "chunks: " + cached);
      assertEquals(0, r.usage().completionTokens());
      assertTrue(streamed.toString().isEmpty());
    } finally {
      chunked.afterChunk = n -> { };
    }
    ChatResponse after = chunked.chat(greedy("Hello").build());
    assertEquals(StopReason.LENGTH, after.stopReason(), "the model serves the next request");
  }

  @Test
  void chat_deadlinePassesDuringPrompt_returnsDeadlineBeforeTheNextChunk() {
    List<Integer> cached = new CopyOnWriteArrayList<>();
    chunked.afterChunk = n -> {
      cached.add(n);
      try {
        Thread.sleep(300); // the deadline (200 ms) passes while the first chunk is read
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    try {
      ChatResponse r = chunked.chat(greedy("deadline " + System.nanoTime() + longPrompt())
          .timeout(Duration.ofMillis(200)).build());
      assertEquals(StopReason.DEADLINE, r.stopReason());
      assertTrue(cached.size() <= 1, "no chunk after the deadline: " + cached);
      assertFalse(r.usage().completionTokens() > 0);
    } finally {
      chunked.afterChunk = n -> { };
    }
  }
}
