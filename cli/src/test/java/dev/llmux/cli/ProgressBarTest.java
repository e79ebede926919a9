package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

final class ProgressBarTest {

  private static String run(boolean terminal, int total) {
    StringWriter s = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(s), "train rl.TabularQ", terminal);
    for (int i = 1; i <= total; i++) {
      bar.update(i, total);
    }
    return s.toString();
  }

  @Test
  void update_withoutATerminal_printsOneMilestoneLineWhenDone() {
    assertEquals("train rl.TabularQ: 1000 episodes done\n", run(false, 1000).replace("\r\n", "\n"));
  }

  @Test
  void update_onATerminal_redrawsInPlaceAndEndsTheLine() {
    String out = run(true, 1000);
    assertEquals(1, out.chars().filter(c -> c == '\n').count(), out);
    assertEquals(101, out.chars().filter(c -> c == '\r').count(), "one redraw per percent: " + out);
    assertTrue(out.strip().endsWith("100% 1000/1000 episodes"), out);
  }
}
