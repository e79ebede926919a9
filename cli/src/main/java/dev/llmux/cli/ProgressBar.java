package dev.llmux.cli;

import dev.llmux.router.sim.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on the error stream: {@code train rl.TabularQ [#####-----]  50%
 * 10000/20000 episodes}, redrawn in place on a terminal. Elsewhere (a pipe, a log) it prints one
 * milestone line when the work is done, {@code train rl.TabularQ: 20000 episodes done}, so a log
 * holds a line per phase instead of a line per redraw.
 */
final class ProgressBar implements Progress {

  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final String label;
  private final boolean terminal;
  private int lastPercent = -1;
  private boolean done;

  ProgressBar(PrintWriter out, String label) {
    this(out, label, Terminals.interactive());
  }

  /** A progress bar that redraws in place when {@code terminal}, else prints a milestone line when done. */
  ProgressBar(PrintWriter out, String label, boolean terminal) {
    this.out = out;
    this.label = label;
    this.terminal = terminal;
  }

  @Override
  public void update(long done, long total) {
    if (!terminal) {
      if (done >= total && !this.done) {
        this.done = true;
        out.printf(Locale.ROOT, "%s: %d episodes done%n", label, total);
        out.flush();
      }
      return;
    }
    int percent = total == 0 ? 100 : (int) (100 * done / total);
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = WIDTH * percent / 100;
    out.print(String.format(Locale.ROOT, "\r%-40s [%s%s] %3d%% %d/%d episodes", label,
        "#".repeat(filled), "-".repeat(WIDTH - filled), percent, done, total));
    if (done >= total) {
      out.println();
    }
    out.flush();
  }
}
