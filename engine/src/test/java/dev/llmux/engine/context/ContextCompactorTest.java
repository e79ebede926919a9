package dev.llmux.engine.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.Message;
import dev.llmux.engine.Role;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.testing.FunctionBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ContextCompactorTest {

  private static ChatResponse answer(String name, String text, StopReason stop) {
    return FunctionBackend.text(name, text, stop);
  }

  private static FunctionBackend says(String name, String text) {
    return FunctionBackend.says(name, text);
  }

  /** A window of 400 estimated tokens (1,600 characters): the limit is 280 tokens with the default share. */
  private static final ContextWindow WINDOW = ContextWindow.estimated("small", 400);

  /** A conversation of {@code turns} user/assistant pairs of 200 characters each (50 tokens), then a question. */
  private static List<Message> conversation(int turns) {
    List<Message> m = new ArrayList<>();
    m.add(Message.system("You are helpful."));
    for (int i = 0; i < turns; i++) {
      m.add(Message.user(("question " + i + " ").repeat(20).substring(0, 200)));
      m.add(Message.assistant(("answer " + i + " ").repeat(25).substring(0, 200)));
    }
    m.add(Message.user("and now?"));
    return m;
  }

  @Test
  void fit_conversationWithinLimit_isLeftAsItIs() {
    FunctionBackend summarizer = says("s", "never asked");
    List<Message> m = conversation(2);
    Compaction c = ContextCompactor.builder(WINDOW).summarizer(summarizer).build().fit(m, 16);
    assertFalse(c.compacted());
    assertEquals(m, c.messages());
    assertTrue(summarizer.asked.isEmpty());
  }

  @Test
  void fit_overLimit_summarizerReplacesOlderTurnsKeepingSystemAndNewest() {
    FunctionBackend summarizer = says("small-model", "they talked about questions 0 to 3");
    List<Message> m = conversation(8);
    ContextCompactor compactor = ContextCompactor.builder(WINDOW).summarizer(summarizer).build();
    Compaction c = compactor.fit(m, 16);
    assertEquals(Compaction.Method.SUMMARY, c.method());
    assertEquals("small-model", c.summarizedBy());
    assertTrue(c.tokensAfter() <= compactor.limit(16), c.describe());
    assertEquals(m.get(0), c.messages().get(0));
    assertEquals(m.get(m.size() - 1), c.messages().get(c.messages().size() - 1));
    Message summary = c.messages().get(1);
    assertTrue(summary.content().startsWith(ContextCompactor.SUMMARY_MARK), summary.content());
    assertTrue(summary.content().contains("they talked about questions 0 to 3"));
    assertEquals(1, summarizer.asked.size());
    assertTrue(summarizer.asked.get(0).messages().get(1).content().contains("question 0"),
        "the oldest turn is what gets summarized");
  }

  @Test
  void fit_summarizerFails_primaryWritesTheSummary() {
    FunctionBackend broken = new FunctionBackend("s", r -> {
      throw new BackendException("s", "s is down", false, null);
    });
    FunctionBackend primary = says("p", "summary by the primary");
    Compaction c = ContextCompactor.builder(WINDOW).summarizer(broken).primary(primary).build().fit(conversation(8), 16);
    assertEquals(Compaction.Method.SUMMARY, c.method());
    assertEquals("p", c.summarizedBy());
    assertTrue(c.note().contains("s is down"), c.note());
  }

  @Test
  void fit_summarizerTooSlow_primaryWritesTheSummary() {
    FunctionBackend slow = new FunctionBackend("s", r -> answer("s", "half a sum", StopReason.DEADLINE));
    FunctionBackend primary = says("p", "summary by the primary");
    Compaction c = ContextCompactor.builder(WINDOW).summarizer(slow).primary(primary).build().fit(conversation(8), 16);
    assertEquals("p", c.summarizedBy());
    assertTrue(c.note().contains("too slow"), c.note());
  }

  @Test
  void fit_everySummarizerFails_truncatesAndSaysSo() {
    FunctionBackend empty = says("s", "  ");
    FunctionBackend broken = new FunctionBackend("p", r -> {
      throw new BackendException("p", "p is down", false, null);
    });
    List<Message> m = conversation(8);
    ContextCompactor compactor = ContextCompactor.builder(WINDOW).summarizer(empty).primary(broken).build();
    Compaction c = compactor.fit(m, 16);
    assertEquals(Compaction.Method.TRUNCATION, c.method());
    assertTrue(c.tokensAfter() <= compactor.limit(16));
    assertTrue(c.messages().get(1).content().startsWith(ContextCompactor.TRUNCATION_MARK));
    assertTrue(c.note().contains("answered with nothing") && c.note().contains("p is down"), c.note());
    assertTrue(c.folded() > 0);
    assertEquals(m.get(m.size() - 2), c.messages().get(c.messages().size() - 2), "the newest older turn is kept");
  }

  @Test
  void fit_noSummarizer_truncates() {
    Compaction c = ContextCompactor.builder(WINDOW).build().fit(conversation(8), 16);
    assertEquals(Compaction.Method.TRUNCATION, c.method());
    assertTrue(c.note().contains("no summarizer"));
  }

  @Test
  void fit_newestMessageAloneTooLong_failsNamingModelAndSizes() {
    List<Message> m = List.of(Message.user("hi"), Message.assistant("hello"), Message.user("x".repeat(4000)));
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> ContextCompactor.builder(WINDOW).build().fit(m, 16));
    assertTrue(e.getMessage().contains("'small'") && e.getMessage().contains("1000 tokens"), e.getMessage());
  }

  @Test
  void fit_manyTurnsCompactedEachTime_summariesDoNotPileUp() {
    FunctionBackend summarizer = says("s", "a short summary");
    ContextCompactor compactor = ContextCompactor.builder(WINDOW).summarizer(summarizer).build();
    List<Message> history = new ArrayList<>(List.of(Message.system("You are helpful.")));
    int compactions = 0;
    for (int turn = 0; turn < 60; turn++) {
      history.add(Message.user(("turn " + turn + " ").repeat(30)));
      Compaction c = compactor.fit(history, 16);
      if (c.compacted()) {
        compactions++;
        history = new ArrayList<>(c.messages());
      }
      assertTrue(WINDOW.count(history) <= compactor.limit(16), "turn " + turn);
      history.add(Message.assistant(("reply " + turn + " ").repeat(30)));
    }
    assertTrue(compactions > 5, "compactions " + compactions);
    long summaries = history.stream().filter(ContextCompactor::marked).count();
    assertEquals(1, summaries);
    assertEquals(Role.SYSTEM, history.get(0).role());
    assertEquals("You are helpful.", history.get(0).content());
  }

  @Test
  void fit_pinnedTaskMessage_isNeverFolded() {
    FunctionBackend summarizer = says("s", "older steps");
    List<Message> m = conversation(8);
    Compaction c = ContextCompactor.builder(WINDOW).summarizer(summarizer).pinned(1).build().fit(m, 16);
    assertEquals(m.get(1), c.messages().get(1));
    assertTrue(c.messages().get(2).content().startsWith(ContextCompactor.SUMMARY_MARK));
  }

  @Test
  void limit_leavesRoomForTheAnswer() {
    ContextCompactor c = ContextCompactor.builder(ContextWindow.estimated("m", 300)).build();
    assertEquals(210, c.limit(50));
    assertEquals(200, c.limit(100));
    assertEquals(75, c.limit(290));
  }

  @Test
  void summarizingBackend_sendsTheCompactedConversationAndPassesRawPromptsOn() {
    FunctionBackend model = says("m", "ok");
    FunctionBackend summarizer = says("s", "what came before");
    List<Compaction> seen = new ArrayList<>();
    Backend wrapped = SummarizingBackend.wrap(model,
        ContextCompactor.builder(WINDOW).summarizer(summarizer).build(), seen::add);
    wrapped.chat(ChatRequest.builder().messages(conversation(8)).maxTokens(16).build());
    assertEquals(1, seen.size());
    assertEquals(seen.get(0).messages(), model.asked.get(0).messages());
    ChatRequest raw = ChatRequest.builder().rawPrompt("y".repeat(4000)).build();
    wrapped.chat(raw);
    assertSame(raw, model.asked.get(1));
    assertEquals("m", wrapped.name());
  }

  @Test
  void fit_cutNewest_keepsTheStartOfALongNewestMessage() {
    List<Message> m = List.of(Message.system("rules"), Message.user("task"), Message.assistant("call"),
        Message.user("observation start " + "x".repeat(4000)));
    ContextCompactor compactor = ContextCompactor.builder(WINDOW).pinned(1).cutNewest(true).build();
    Compaction c = compactor.fit(m, 16);
    assertTrue(c.tokensAfter() <= compactor.limit(16), c.describe());
    Message newest = c.messages().get(c.messages().size() - 1);
    assertTrue(newest.content().startsWith("observation start") && newest.content().endsWith("[...]"), newest.content());
    assertEquals(m.get(1), c.messages().get(1));
  }
}
