package dev.llmux.cli;

import dev.llmux.router.sim.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on the error stream: {@code train rl.TabularQ [#####-----]  50%
 * 10000/20000 episodes}, redrawn in place on a terminal; elsewhere (a pipe, a log) one line per
 * quarter.
 */
final class ProgressBar implements Progress {

  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final String label;
  private final boolean terminal;
  private int lastPercent = -1;

  ProgressBar(PrintWriter out, String label) {
    this.out = out;
    this.label = label;
    this.terminal = System.console() != null;
  }

  @Override
  public void update(long done, long total) {
    int percent = total == 0 ? 100 : (int) (100 * done / total);
    if (!terminal) {
      percent = percent / 25 * 25;
    }
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = WIDTH * percent / 100;
    String line = String.format(Locale.ROOT, "%-40s [%s%s] %3d%% %d/%d episodes", label,
        "#".repeat(filled), "-".repeat(WIDTH - filled), percent, done, total);
    if (terminal) {
      out.print("\r" + line);
      if (done >= total) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }
}
