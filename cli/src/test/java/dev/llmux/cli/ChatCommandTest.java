package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.TestModels;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmux chat} end to end, with its input from a string. */
final class ChatCommandTest {

  private static CliRun chat(String input, String... args) {
    InputStream before = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "chat";
      System.arraycopy(args, 0, all, 1, args.length);
      return CliRun.of(all);
    } finally {
      System.setIn(before);
    }
  }

  @Test
  void chat_router_routesEveryTurnAndSaysHow() {
    CliRun r = chat("hello\nand again\n/exit\n", "--model", TestModels.tiny().toString(), "--router", "bandit.Ucb1",
        "--stats", "-n", "4");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(2, r.out().lines().filter(l -> l.startsWith("routed:              tiny-q8_0 by bandit.Ucb1")).count(),
        r.out());
  }

  @Test
  void chat_oneModel_isAskedDirectly() {
    CliRun r = chat("hello\n", "--model", TestModels.tiny().toString(), "--stats", "-n", "4");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("completion tokens:"), r.out());
    assertFalse(r.out().contains("routed:"), r.out());
  }

  private static final String TINY = TestModels.tiny().toString();

  @Test
  void chat_longConversationInASmallContext_isCompactedAndGoesOn() {
    StringBuilder in = new StringBuilder();
    for (int i = 1; i <= 6; i++) {
      in.append("message number ").append(i).append(": tell me about the weather and the sea\n");
    }
    CliRun r = chat(in.toString(), "--model", TINY, "--ctx", "300", "-n", "24", "--seed", "7");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().lines().filter(l -> l.startsWith("(history compacted: ")).count() >= 2, r.err());
    assertFalse(r.err().contains("error"), r.err());
  }

  @Test
  void chat_messageTooLongForTheContext_isRefusedAndTheChatGoesOn() {
    String tooLong = "word ".repeat(400);
    CliRun r = chat("hello\n" + tooLong + "\nhello again\n", "--model", TINY, "--ctx", "300", "-n", "8", "--stats");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("llmux: error: the newest message"), r.err());
    assertEquals(2, r.out().lines().filter(l -> l.startsWith("completion tokens:")).count(), r.out());
  }

  @Test
  void chat_helpAndUnknownCommands_areAnsweredByLlmuxAndNeverSentToTheModel() {
    CliRun r = chat("/help\n/foo bar\n/exit\n", "--model", TINY, "-t", "1", "--stats", "-n", "4");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("/reset forgets the history"), r.out());
    assertTrue(r.out().contains("unknown command /foo: /help lists them"), r.out());
    assertFalse(r.out().contains("completion tokens:"), "no turn reached the model: " + r.out());
  }

  @Test
  void chat_doubleSlash_sendsTheLineWithOneSlash() {
    CliRun r = chat("//etc is a folder\n", "--model", TINY, "-t", "1", "--stats", "-n", "2");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(1, r.out().lines().filter(l -> l.startsWith("completion tokens:")).count(), r.out());
  }

  private static String seedLine(CliRun r) {
    assertEquals(0, r.exitCode(), r.err());
    return r.out().lines().filter(l -> l.startsWith("seed:")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
  }

  @Test
  void chat_withoutSeed_drawsASeedPerSession_andEachTurnMovesOn() {
    String input = "hello\nhello\n";
    CliRun a = chat(input, "--model", TINY, "-t", "1", "--stats", "-n", "2");
    CliRun b = chat(input, "--model", TINY, "-t", "1", "--stats", "-n", "2");
    assertFalse(seedLine(a).equals(seedLine(b)), "two sessions, two seeds: " + seedLine(a));
    List<String> turns = a.out().lines().filter(l -> l.startsWith("seed:")).toList();
    assertEquals(2, turns.size(), a.out());
    assertTrue(turns.get(1).endsWith("turn 2)") && !turns.get(0).equals(turns.get(1)), turns.toString());
  }

  @Test
  void chat_seed_replaysTheSameConversation() {
    String input = "hello\nand again\n";
    CliRun a = chat(input, "--model", TINY, "-t", "1", "--seed", "7", "--temperature", "0.8", "-n", "8");
    CliRun b = chat(input, "--model", TINY, "-t", "1", "--seed", "7", "--temperature", "0.8", "-n", "8");
    assertEquals(0, a.exitCode(), a.err());
    assertEquals(a.out(), b.out());
    assertTrue(chat("hi\n", "--model", TINY, "-t", "1", "--seed", "7", "--stats", "-n", "2").out()
        .contains("seed:                7 (session 7, turn 1)"));
  }

  @Test
  void chat_jsonSchemaAndStop_applyToEveryAnswer(@TempDir Path dir) throws Exception {
    Path schema = Files.writeString(dir.resolve("answer.json"), "{\"enum\": [\"yes\", \"no\"]}");
    CliRun constrained = chat("is it?\nreally?\n", "--model", TINY, "-t", "1", "--json-schema", schema.toString(), "-n", "16");
    assertEquals(0, constrained.exitCode(), constrained.err());
    // The schema's grammar allows white space after the value, so an answer may end in a newline.
    List<String> answers = constrained.out().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    assertEquals(2, answers.size(), constrained.out());
    assertTrue(answers.stream().allMatch(l -> l.equals("\"yes\"") || l.equals("\"no\"")), answers.toString());
    CliRun stopped = chat("is it?\n", "--model", TINY, "-t", "1", "--json-schema", schema.toString(), "--stop", "\"",
        "--stats", "-n", "16");
    assertEquals(0, stopped.exitCode(), stopped.err());
    assertTrue(stopped.out().contains("stop reason:         stop_string"), stopped.out());
  }

  @Test
  void chat_endOfInput_leavesWithStatus0() {
    CliRun r = chat("", "--model", TINY, "-t", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.out());
  }
}
