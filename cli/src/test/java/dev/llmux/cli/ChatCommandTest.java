package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.TestModels;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
}
