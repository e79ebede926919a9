package dev.llmux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import dev.llmux.engine.testing.TestModels;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The asynchronous form, {@link Backends#async}, on the tiny model (real llama.cpp). */
final class AsyncTest {

  private static LlamaBackend tiny;

  @BeforeAll
  static void load() {
    tiny = LlamaBackend.load(LocalModelSpec.builder("tiny", TestModels.tiny()).threads(1).contextSize(512).build());
  }

  @AfterAll
  static void close() {
    tiny.close();
  }

  /** Records what the listener heard, in order. */
  static final class Heard implements AnswerListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final StringBuilder text = new StringBuilder();
    final CountDownLatch firstText = new CountDownLatch(1);

    @Override
    public void onText(String piece) {
      text.append(piece);
      firstText.countDown();
    }

    @Override
    public void onComplete(ChatResponse r) {
      events.add("complete:" + r.stopReason());
    }

    @Override
    public void onError(Throwable e) {
      events.add("error:" + e.getClass().getSimpleName());
    }
  }

  @Test
  void async_answer_streamsThenCompletesListenerAndFuture() throws Exception {
    Heard heard = new Heard();
    ChatRequest r = ChatRequest.builder().rawPrompt("Hello").temperature(0).maxTokens(10).ignoreEos(true).build();
    ChatResponse response = Backends.async(tiny, r, heard).get(2, TimeUnit.MINUTES);
    assertEquals(List.of("complete:LENGTH"), heard.events);
    assertEquals(response.text(), heard.text.toString());
    assertEquals(tiny.chat(r).text(), response.text(), "the same answer as the blocking form");
  }

  @Test
  void async_futureCancelled_cancelsTheRequest() throws Exception {
    Heard heard = new Heard();
    ChatRequest r = ChatRequest.builder().rawPrompt("Hello").maxTokens(100_000).ignoreEos(true).build();
    CompletableFuture<ChatResponse> f = Backends.async(tiny, r, heard);
    assertTrue(heard.firstText.await(2, TimeUnit.MINUTES));
    f.cancel(true);
    assertTrue(r.cancellation().isCancelled());
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (heard.events.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(List.of("complete:CANCELLED"), heard.events);
  }

  @Test
  void async_failure_reachesListenerAndFuture() {
    Heard heard = new Heard();
    String tooLong = "word ".repeat(2000);
    CompletableFuture<ChatResponse> f = Backends.async(tiny, ChatRequest.builder().rawPrompt(tooLong).build(), heard);
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(2, TimeUnit.MINUTES));
    assertSame(InvalidRequestException.class, e.getCause().getClass());
    assertEquals(List.of("error:InvalidRequestException"), heard.events);
  }
}
