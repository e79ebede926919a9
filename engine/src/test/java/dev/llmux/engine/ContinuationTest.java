package dev.llmux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The one continuation rule, driven by hand with a clock the test moves. */
final class ContinuationTest {

  private static final String SCHEMA = "{\"type\":\"object\"}";

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private Continuation start(ChatRequest request) {
    return Continuation.start(request, TokenListener.NONE, now::get);
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().user("give json").jsonSchema(SCHEMA).maxTokens(10).timeout(Duration.ofSeconds(10)).build();
  }

  private static void stream(Continuation c, String... pieces) {
    for (String p : pieces) {
      c.listener().onText(p);
    }
  }

  @Test
  void next_beforeAnyText_keepsTheSchemaAndTheWholeLimit() {
    Continuation c = start(ask());
    c.next();
    c.failed("a", new BackendUnavailableException("a", "down", null));
    now.addAndGet(Duration.ofSeconds(3).toNanos());
    ChatRequest second = c.next();
    assertEquals(SCHEMA, second.jsonSchema(), "a plain fallback produces the whole answer, so the whole schema applies");
    assertEquals(10, second.maxTokens());
    assertEquals(ask().messages(), second.messages());
    assertEquals(Duration.ofSeconds(7), second.timeout(), "the time left of the caller's deadline");
  }

  @Test
  void next_afterText_continuesWithoutTheSchemaWithTheTokensAndTimeLeft() {
    Continuation c = start(ask());
    c.next();
    stream(c, "{\"a\"", ":");
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    c.failed("a", new BackendException("a", "reset", true, null));
    ChatRequest second = c.next();
    assertNull(second.jsonSchema(), "a schema re-applied to the end of an answer would start a second value");
    assertEquals(8, second.maxTokens(), "the limit is the whole answer's: 2 tokens are spent");
    assertEquals(Duration.ofSeconds(6), second.timeout());
    assertEquals(List.of(Message.user("give json"), Message.assistant("{\"a\":")), second.messages());
    assertTrue(c.continuing());
  }

  @Test
  void next_lastMessageIsTheAssistants_appendsThePrefixToIt() {
    ChatRequest r = ChatRequest.builder().user("q").message(Message.assistant("The answer is")).build();
    Continuation c = start(r);
    c.next();
    stream(c, " forty");
    c.failed("a", new BackendException("a", "reset", true, null));
    assertEquals(Message.assistant("The answer is forty"), c.next().messages().get(1));
  }

  @Test
  void next_rawPrompt_isExtendedWithThePrefix() {
    Continuation c = start(ChatRequest.builder().rawPrompt("Once").build());
    c.next();
    stream(c, " upon");
    c.failed("a", new BackendException("a", "reset", true, null));
    assertEquals("Once upon", c.next().rawPrompt());
  }

  @Test
  void next_noTimeout_passesTheRequestAsItIs() {
    ChatRequest r = ChatRequest.builder().user("q").build();
    Continuation c = start(r);
    assertSame(r, c.next());
  }

  @Test
  void stopReason_deadlinePassed_isDeadline() {
    Continuation c = start(ask());
    c.next();
    stream(c, "{");
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    c.failed("a", new BackendException("a", "slow", true, null));
    assertEquals(StopReason.DEADLINE, c.stopReason());
    ChatResponse r = c.end(StopReason.DEADLINE, "chain");
    assertEquals("{", r.text());
    assertEquals(List.of("a"), r.servedBy());
    assertEquals(1, r.usage().completionTokens());
  }

  @Test
  void stopReason_tokenLimitSpent_isLength() {
    Continuation c = start(ask());
    c.next();
    stream(c, "1", "2", "3", "4", "5", "6", "7", "8", "9");
    c.failed("a", new BackendException("a", "reset", true, null));
    assertNull(c.stopReason());
    assertEquals(1, c.next().maxTokens());
    stream(c, "10");
    c.failed("b", new BackendException("b", "reset", true, null));
    assertEquals(StopReason.LENGTH, c.stopReason(), "no backend is asked for an 11th token");
  }

  @Test
  void stopReason_cancelled_isCancelled() {
    Cancellation flag = new Cancellation();
    Continuation c = start(ChatRequest.builder().user("q").cancellation(flag).build());
    assertNull(c.stopReason());
    flag.cancel();
    assertEquals(StopReason.CANCELLED, c.stopReason());
  }

  @Test
  void answered_afterAContinuation_joinsTextTokensAndBackends() {
    Continuation c = start(ask());
    c.next();
    stream(c, "{\"a\"", ":");
    c.failed("a", new BackendException("a", "reset", true, null));
    c.next();
    stream(c, "1}");
    ChatResponse joined = c.answered(ChatResponse.of("1}", StopReason.END, new Usage(20, 1), new Timings(0, 0, 0), "b"));
    assertEquals("{\"a\":1}", joined.text());
    assertEquals(List.of("a", "b"), joined.servedBy());
    assertEquals("b", joined.backend());
    assertEquals(3, joined.usage().completionTokens());
  }

  @Test
  void answered_byTheFirstBackend_isItsResponse() {
    Continuation c = start(ask());
    c.next();
    ChatResponse r = ChatResponse.of("{}", StopReason.END, new Usage(3, 1), new Timings(1, 0, 1), "a");
    assertSame(r, c.answered(r));
  }

  @Test
  void exhausted_failures_isUnavailableNamingEach() {
    Continuation c = start(ask());
    c.next();
    c.failed("a", new BackendException("a", "HTTP 401", false, null));
    c.next();
    BackendException last = new BackendException("b", "reset", true, null);
    c.failed("b", last);
    BackendUnavailableException e = c.exhausted("chain", null);
    assertSame(last, e.getCause());
    assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("reset"), e.getMessage());
  }

  @Test
  void exhausted_withReason_namesFailuresAndWhyNoOtherWasAsked() {
    Continuation c = start(ask());
    c.next();
    BackendException down = new BackendException("b", "HTTP 503", true, null);
    c.failed("b", down);
    c.next();
    c.failed("a", new BackendException("a", "a: too slow", true, null));
    RuntimeException e = c.exhausted("chain", "nothing else is available");
    assertInstanceOf(BackendUnavailableException.class, e);
    assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("a: too slow")
        && e.getMessage().contains("nothing else is available"), e.getMessage());
  }
}
