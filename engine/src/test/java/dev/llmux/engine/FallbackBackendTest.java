package dev.llmux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.TestModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The fallback chain's rules, with in-memory backends. */
final class FallbackBackendTest {

  /** A backend whose answer is a function of the request; records what it was asked. */
  private static final class Scripted implements Backend {
    final String name;
    final BiFunction<ChatRequest, TokenListener, ChatResponse> script;
    final List<ChatRequest> asked = new ArrayList<>();
    BackendStats.Availability availability = BackendStats.Availability.AVAILABLE;

    Scripted(String name, BiFunction<ChatRequest, TokenListener, ChatResponse> script) {
      this.name = name;
      this.script = script;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ChatResponse chat(ChatRequest request, TokenListener listener) {
      asked.add(request);
      return script.apply(request, listener);
    }

    @Override
    public BackendStats stats() {
      return new LiveStats().snapshot(availability);
    }

  }

  /** Streams {@code text} word by word and answers it as backend {@code name}. */
  private static ChatResponse words(String name, String text, TokenListener listener) {
    for (String w : text.split("(?<= )")) {
      listener.onText(w);
    }
    return ChatResponse.of(text, StopReason.END, new Usage(5, text.split(" ").length), new Timings(1, 1, 1), name);
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().user("count to five").maxTokens(50).build();
  }

  @Test
  void chat_firstAnswers_secondIsNotAsked() {
    Scripted a2 = new Scripted("a", (r, l) -> words("a", "one two", l));
    Scripted b = new Scripted("b", (r, l) -> {
      throw new AssertionError("not asked");
    });
    ChatResponse r = FallbackBackend.of("primary", List.of(a2, b)).chat(ask());
    assertEquals("one two", r.text());
    assertEquals(List.of("a"), r.servedBy());
    assertTrue(b.asked.isEmpty());
  }

  @Test
  void chat_failureBeforeText_nextBackendAnswersTheSameRequest() {
    Scripted a = new Scripted("a", (r, l) -> {
      throw new BackendUnavailableException("a", "circuit open", null);
    });
    Scripted b2 = new Scripted("b", (r, l) -> words("b", "one two three", l));
    StringBuilder streamed = new StringBuilder();
    ChatResponse r = FallbackBackend.of("primary", List.of(a, b2)).chat(ask(), streamed::append);
    assertEquals("one two three", r.text());
    assertEquals("one two three", streamed.toString());
    assertEquals(List.of("b"), r.servedBy());
    assertEquals("b", r.backend());
    assertEquals(ask().messages(), b2.asked.get(0).messages());
  }

  @Test
  void chat_failureAfterText_nextBackendContinuesFromThePrefix() {
    Scripted a = new Scripted("a", (r, l) -> {
      l.onText("one ");
      l.onText("two ");
      throw new BackendException("a", "connection reset", true, null);
    });
    Scripted b2 = new Scripted("b", (r, l) -> words("b", "three four five", l));
    StringBuilder streamed = new StringBuilder();
    ChatResponse r = FallbackBackend.of("primary", List.of(a, b2)).chat(ask(), streamed::append);

    assertEquals("one two three four five", r.text());
    assertEquals(r.text(), streamed.toString(), "the caller saw one seamless answer");
    assertEquals(List.of("a", "b"), r.servedBy());
    assertEquals("b", r.backend());
    ChatRequest continuation = b2.asked.get(0);
    List<Message> m = continuation.messages();
    assertEquals(Message.user("count to five"), m.get(0));
    assertEquals(Message.assistant("one two "), m.get(1));
    assertEquals(48, continuation.maxTokens(), "the two pieces already produced count against the limit");
    assertEquals(3 + 2, r.usage().completionTokens());
  }

  @Test
  void chat_continuationOfRawPrompt_appendsThePrefixToThePrompt() {
    Scripted a = new Scripted("a", (r, l) -> {
      l.onText("upon");
      throw new BackendException("a", "stalled", true, null);
    });
    Scripted b = new Scripted("b", (r, l) -> ChatResponse.of(" a time", StopReason.END, Usage.NONE, new Timings(0, 0, 0), "b"));
    ChatResponse r = FallbackBackend.of("c", List.of(a, b)).chat(ChatRequest.builder().rawPrompt("Once ").build());
    assertEquals("upon a time", r.text());
    assertEquals("Once upon", b.asked.get(0).rawPrompt());
  }

  @Test
  void chat_continuation_dropsTheJsonSchema() {
    Scripted a = new Scripted("a", (r, l) -> {
      l.onText("{\"a\":");
      throw new BackendException("a", "reset", true, null);
    });
    Scripted b = new Scripted("b", (r, l) -> ChatResponse.of("1}", StopReason.END, Usage.NONE, new Timings(0, 0, 0), "b"));
    ChatResponse r = FallbackBackend.of("c", List.of(a, b)).chat(ChatRequest.builder().user("x").jsonSchema("{}").build());
    assertEquals("{\"a\":1}", r.text());
    assertNull(b.asked.get(0).jsonSchema());
  }

  @Test
  void chat_nonRetryableAuthFailure_stillFallsBack() {
    Scripted a = new Scripted("a", (r, l) -> {
      throw new BackendException("a", "HTTP 401 (unauthorized)", false, null);
    });
    Scripted b = new Scripted("b", (r, l) -> ChatResponse.of("ok", StopReason.END, Usage.NONE, new Timings(0, 0, 0), "b"));
    assertEquals("ok", FallbackBackend.of("c", List.of(a, b)).chat(ask()).text());
  }

  @Test
  void chat_invalidRequest_isThrownWithoutAskingTheNextBackend() {
    InvalidRequestException refusal = new InvalidRequestException("the prompt has 900 tokens, but model 'a' has 512");
    Scripted a = new Scripted("a", (r, l) -> {
      throw refusal;
    });
    Scripted b = new Scripted("b", (r, l) -> ChatResponse.of("ok", StopReason.END, Usage.NONE, new Timings(0, 0, 0), "b"));
    assertSame(refusal, assertThrows(InvalidRequestException.class, () -> FallbackBackend.of("c", List.of(a, b)).chat(ask())),
        "the refusal goes to the caller as it is");
    assertEquals(0, b.asked.size(), "a fallback that answered would hide the refusal");
  }

  @Test
  void chat_continuation_getsTheTokensLeftAndStopsAtTheLimit() {
    Scripted a = new Scripted("a", (r, l) -> {
      for (int i = 0; i < 5; i++) {
        l.onText("w" + i + " ");
      }
      throw new BackendException("a", "reset", true, null);
    });
    Scripted b = new Scripted("b", (r, l) -> {
      throw new AssertionError("not asked: the token limit is spent");
    });
    ChatResponse r = FallbackBackend.of("c", List.of(a, b)).chat(ChatRequest.builder().user("x").maxTokens(5).build());
    assertEquals(StopReason.LENGTH, r.stopReason());
    assertEquals(5, r.usage().completionTokens());
    assertEquals(List.of("a"), r.servedBy());
    assertTrue(b.asked.isEmpty());
  }

  @Test
  void chat_continuationOnARealModel_producesOnlyTheTokensLeft() {
    // "a" is a scripted test double that streams four pieces and breaks; the tiny synthetic model
    // (real llama.cpp inference) continues the answer.
    Scripted a = new Scripted("a", (r, l) -> {
      for (String w : new String[] {"one", " two", " three", " four"}) {
        l.onText(w);
      }
      throw new BackendException("a", "stream broke", true, null);
    });
    try (Backend tiny = dev.llmux.engine.llama.LlamaBackend.load(
        dev.llmux.engine.llama.LocalModelSpec.builder("tiny", TestModels.tiny()).threads(1).contextSize(512).warmup(false).build())) {
      ChatRequest request = ChatRequest.builder().rawPrompt("Count:").maxTokens(10).temperature(0).ignoreEos(true)
          .timeout(Duration.ofMinutes(5)).build();
      ChatResponse r = FallbackBackend.of("c", List.of(a, tiny)).chat(request);
      assertEquals(StopReason.LENGTH, r.stopReason());
      assertEquals(10, r.usage().completionTokens(), "4 from the broken stream, 6 from the model: the whole answer's limit");
      assertEquals(List.of("a", "tiny"), r.servedBy());
      assertTrue(r.text().startsWith("one two three four"), r.text());
    }
  }

  @Test
  void chat_deadlineSpentByAFailure_endsWithDeadlineWithoutAskingTheNext() {
    Scripted a = new Scripted("a", (r, l) -> {
      l.onText("partial");
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new BackendException("a", "slow failure", true, null);
    });
    Scripted b = new Scripted("b", (r, l) -> {
      throw new AssertionError("not asked: no time is left");
    });
    ChatResponse r = FallbackBackend.of("c", List.of(a, b))
        .chat(ChatRequest.builder().user("x").timeout(Duration.ofMillis(50)).build());
    assertEquals(StopReason.DEADLINE, r.stopReason());
    assertEquals("partial", r.text());
    assertTrue(b.asked.isEmpty());
  }

  @Test
  void chat_allFail_throwsUnavailableListingEachFailure() {
    BackendException last = new BackendException("b", "HTTP 503", true, null);
    Scripted a = new Scripted("a", (r, l) -> {
      throw new BackendException("a", "HTTP 500", true, null);
    });
    Scripted b = new Scripted("b", (r, l) -> {
      throw last;
    });
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> FallbackBackend.of("c", List.of(a, b)).chat(ask()));
    assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("HTTP 503"), e.getMessage());
    assertSame(last, e.getCause());
  }

  @Test
  void chat_cancelledWhileFirstFails_returnsCancelledWithoutAskingTheNext() {
    Cancellation c = new Cancellation();
    Scripted a = new Scripted("a", (r, l) -> {
      l.onText("so far");
      c.cancel();
      throw new BackendException("a", "reset", true, null);
    });
    Scripted b = new Scripted("b", (r, l) -> ChatResponse.of("x", StopReason.END, Usage.NONE, new Timings(0, 0, 0), "b"));
    ChatResponse r = FallbackBackend.of("c", List.of(a, b)).chat(ChatRequest.builder().user("x").cancellation(c).build());
    assertEquals(StopReason.CANCELLED, r.stopReason());
    assertEquals("so far", r.text());
    assertTrue(b.asked.isEmpty());
  }

  @Test
  void chat_withDeadline_passesTheTimeLeftToTheNextBackend() {
    Scripted a = new Scripted("a", (r, l) -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new BackendException("a", "slow failure", true, null);
    });
    Scripted b = new Scripted("b", (r, l) -> ChatResponse.of("x", StopReason.END, Usage.NONE, new Timings(0, 0, 0), "b"));
    FallbackBackend.of("c", List.of(a, b)).chat(ChatRequest.builder().user("x").timeout(Duration.ofSeconds(5)).build());
    Duration left = b.asked.get(0).timeout();
    assertTrue(left.compareTo(Duration.ofMillis(4950)) < 0 && left.compareTo(Duration.ofSeconds(3)) > 0, left.toString());
  }

  @Test
  void stats_availabilityIsTheBestMembers() {
    Scripted a = new Scripted("a", null);
    Scripted b = new Scripted("b", null);
    FallbackBackend chain = FallbackBackend.of("c", List.of(a, b));
    a.availability = BackendStats.Availability.UNAVAILABLE;
    b.availability = BackendStats.Availability.PROBING;
    assertEquals(BackendStats.Availability.PROBING, chain.stats().availability());
    b.availability = BackendStats.Availability.UNAVAILABLE;
    assertEquals(BackendStats.Availability.UNAVAILABLE, chain.stats().availability());
    a.availability = BackendStats.Availability.AVAILABLE;
    assertEquals(BackendStats.Availability.AVAILABLE, chain.stats().availability());
  }

  @Test
  void of_emptyOrDuplicate_throwsConfigException() {
    assertThrows(ConfigException.class, () -> FallbackBackend.of("c", List.of()));
    Scripted a = new Scripted("a", null);
    assertThrows(ConfigException.class, () -> FallbackBackend.of("c", List.of(a, a)));
  }
}
