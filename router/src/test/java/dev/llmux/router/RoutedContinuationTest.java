package dev.llmux.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.LiveStats;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import dev.llmux.engine.testing.TestModels;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The routed backend follows the engine's one continuation rule: the JSON schema, the token limit
 * and the deadline across a continuation, and a request one model cannot take going to another.
 * The tiny synthetic model runs real llama.cpp inference; {@link Breaking} is a scripted test double
 * for a stream that breaks after some text.
 */
final class RoutedContinuationTest {

  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}";

  private static LlamaBackend tiny;
  private static LlamaBackend small;

  @BeforeAll
  static void load() {
    tiny = LlamaBackend.load(LocalModelSpec.builder("tiny", TestModels.tiny()).threads(1).contextSize(1024).warmup(false).build());
    small = LlamaBackend.load(LocalModelSpec.builder("small", TestModels.tiny()).threads(1).contextSize(64).warmup(false).build());
  }

  @AfterAll
  static void close() {
    tiny.close();
    small.close();
  }

  /** A scripted test double: streams its pieces, optionally waits, then fails; records what it was asked. */
  private static final class Breaking implements Backend {
    final String name;
    final List<String> pieces;
    final long sleepMillis;
    final List<ChatRequest> asked = new CopyOnWriteArrayList<>();

    Breaking(String name, long sleepMillis, String... pieces) {
      this.name = name;
      this.sleepMillis = sleepMillis;
      this.pieces = List.of(pieces);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ChatResponse chat(ChatRequest request, TokenListener listener) {
      asked.add(request);
      pieces.forEach(listener::onText);
      if (sleepMillis > 0) {
        try {
          Thread.sleep(sleepMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      throw new BackendException(name, "stream broke", true, null);
    }

    @Override
    public BackendStats stats() {
      return new LiveStats().snapshot(BackendStats.Availability.AVAILABLE);
    }
  }

  /** Records what it was asked and answers "1}". */
  private static final class Recording implements Backend {
    final List<ChatRequest> asked = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public ChatResponse chat(ChatRequest request, TokenListener listener) {
      asked.add(request);
      listener.onText("1}");
      return ChatResponse.of("1}", StopReason.END, new dev.llmux.engine.Usage(10, 1),
          new dev.llmux.engine.Timings(1, 0, 1), name());
    }

    @Override
    public BackendStats stats() {
      return new LiveStats().snapshot(BackendStats.Availability.AVAILABLE);
    }
  }

  private static RoutedBackend routed(Backend first, Backend second) {
    return RoutedBackend.builder().backend(first).backend(second).policy("baseline.Always(" + first.name() + ")").build();
  }

  @Test
  void route_continuation_dropsTheSchemaAndGetsTheTokensAndTimeLeft() {
    Breaking a = new Breaking("a", 100, "{\"a\"", ":");
    Recording b = new Recording();
    ChatRequest request = ChatRequest.builder().user("json please").jsonSchema(SCHEMA).maxTokens(20)
        .timeout(Duration.ofMinutes(10)).build();
    RoutedBackend.Routed r = routed(a, b).route(request, RouteContext.first(Difficulty.EASY), TokenListener.NONE);
    assertEquals(SCHEMA, a.asked.get(0).jsonSchema(), "the first backend answers the whole request");
    ChatRequest continued = b.asked.get(0);
    assertNull(continued.jsonSchema(), "the whole schema cannot apply to the end of an answer");
    assertEquals(18, continued.maxTokens(), "two tokens of the answer are spent");
    assertTrue(continued.timeout().compareTo(Duration.ofMinutes(10).minusMillis(100)) <= 0,
        "the time spent on the broken stream is the caller's too: " + continued.timeout());
    assertTrue(continued.timeout().compareTo(Duration.ofMinutes(5)) > 0, continued.timeout().toString());
    assertEquals("{\"a\":1}", r.response().text());
    assertEquals(List.of("a", "recording"), r.response().servedBy());
    assertEquals(3, r.response().usage().completionTokens());
  }

  @Test
  void chat_continuationOnARealModel_producesOnlyTheTokensLeft() {
    Breaking a = new Breaking("a", 0, "one", " two", " three", " four");
    ChatRequest request = ChatRequest.builder().rawPrompt("Count:").maxTokens(10).temperature(0).ignoreEos(true).build();
    StringBuilder streamed = new StringBuilder();
    ChatResponse r = routed(a, tiny).chat(request, streamed::append);
    assertEquals(StopReason.LENGTH, r.stopReason());
    assertEquals(10, r.usage().completionTokens(), "4 from the broken stream, 6 from the model: the whole answer's limit");
    assertEquals(List.of("a", "tiny"), r.servedBy());
    assertEquals(r.text(), streamed.toString());
    assertTrue(r.text().startsWith("one two three four"), r.text());
  }

  @Test
  void chat_tokenLimitSpentByTheBrokenStream_endsWithLengthWithoutAskingAnother() {
    Breaking a = new Breaking("a", 0, "one", " two", " three");
    Recording b = new Recording();
    ChatResponse r = routed(a, b).chat(ChatRequest.builder().user("x").maxTokens(3).build());
    assertEquals(StopReason.LENGTH, r.stopReason());
    assertEquals("one two three", r.text());
    assertTrue(b.asked.isEmpty());
  }

  @Test
  void chat_deadlineSpentByAFailure_endsWithDeadlineWithoutAskingAnother() {
    Breaking a = new Breaking("a", 150, "partial");
    Recording b = new Recording();
    ChatResponse r = routed(a, b).chat(ChatRequest.builder().user("x").timeout(Duration.ofMillis(50)).build());
    assertEquals(StopReason.DEADLINE, r.stopReason());
    assertEquals("partial", r.text());
    assertTrue(b.asked.isEmpty());
  }

  @Test
  void chat_promptBeyondTheChosenModelsContext_isRefused_andAvoidingItReachesTheModelThatTakesIt() {
    ChatRequest longPrompt = ChatRequest.builder().rawPrompt("word ".repeat(20)).maxTokens(4).temperature(0).build();
    assertThrows(InvalidRequestException.class, () -> small.chat(longPrompt), "64 tokens of context are too few");
    RoutedBackend r = routed(small, tiny);
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> r.chat(longPrompt));
    assertTrue(e.getMessage().contains("context"), e.getMessage());
    assertEquals(1, r.router().backendFailures(), "the refusal is fed back as a backend failure, not learned");
    RoutedBackend.Routed answer = r.route(longPrompt, RouteContext.first(RouteContext.Difficulty.UNKNOWN), piece -> {},
        List.of("small"));
    assertEquals("tiny", answer.response().backend());
  }

  @Test
  void chat_promptBeyondTheOnlyModelsContext_theRefusalGoesToTheCaller() {
    ChatRequest longPrompt = ChatRequest.builder().rawPrompt("word ".repeat(20)).maxTokens(4).build();
    RoutedBackend r = RoutedBackend.builder().backend(small).policy("baseline.Always(small)").build();
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> r.chat(longPrompt));
    assertTrue(e.getMessage().contains("context"), e.getMessage());
    assertSame(BackendStats.Availability.AVAILABLE, small.stats().availability());
  }
}
