package dev.llmux.cli;

import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.InvalidCallStats;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.StepOutcome;
import dev.llmux.agent.StepRecord;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints each model call of an episode on one line, and a summary when it ends. A backend's error
 * is printed whole on the next line, indented, since its useful part is often at its end. A step
 * answered by a scripted mock starts with {@code [MOCK]}, one answered by a synthetic model (noise
 * text) with {@code [SYNTHETIC]}; a summary carries the label when any of its steps did.
 */
final class StepPrinter implements StepListener {

  private final PrintWriter out;
  private final boolean quiet;
  private final Set<String> synthetic;

  /**
   * A printer.
   *
   * @param synthetic the names of the backends that are synthetic models
   */
  StepPrinter(PrintWriter out, boolean quiet, Set<String> synthetic) {
    this.out = out;
    this.quiet = quiet;
    this.synthetic = Set.copyOf(synthetic);
  }

  private String label(boolean mock, boolean synthetic) {
    return mock ? "[MOCK] " : synthetic ? "[SYNTHETIC] " : "";
  }

  @Override
  public void onStep(StepRecord s) {
    if (quiet) {
      return;
    }
    String what;
    String result;
    String detail = null;
    StepOutcome o = s.outcome();
    if (o instanceof StepOutcome.BackendError error) {
      what = "BACKEND ERROR";
      result = s.terminal() ? "giving up" : "re-asking";
      detail = error.message();
    } else if (o instanceof StepOutcome.InvalidAnswer invalid) {
      what = "INVALID " + invalid.invalid().kind();
      result = s.terminal() ? "giving up" : "re-asking";
    } else if (o instanceof StepOutcome.ToolRun run) {
      what = run.call().brief();
      result = firstLine(s.observation());
    } else if (o instanceof StepOutcome.Reply) {
      what = "REPLY";
      result = firstLine(s.observation());
    } else {
      what = "STOPPED";
      result = firstLine(s.observation());
    }
    String who = s.role().equals(StepRecord.PRIMARY) ? s.backend() : s.role() + ": " + s.backend();
    out.printf(Locale.ROOT, "%s%-14s step %2d.%d  %-16s %-34s %-44s %6.2f s%n",
        label(s.mock(), synthetic.contains(s.backend())), s.task(), s.step() + 1, s.attempt(), who, cut(what, 34), cut(result, 44),
        s.latencySeconds());
    if (detail != null) {
      detail.lines().forEach(l -> out.println("    " + l));
    }
    out.flush();
  }

  @Override
  public void onEpisode(EpisodeResult r) {
    out.printf(Locale.ROOT, "%s%s: %s (%s) in %d steps, %d model calls, %.1f s; ended: %s%s%n",
        label(r.mock(), r.stepsPerBackend().keySet().stream().anyMatch(synthetic::contains)), r.task(), r.success() ? "SUCCESS" : "FAILED", r.finalTests().summary(), r.steps(),
        r.modelCalls(), r.wallMillis() / 1000.0, r.end(), r.cost() > 0 ? String.format(Locale.ROOT, ", cost $%.4f", r.cost()) : "");
    if (!quiet) {
      StringBuilder per = new StringBuilder();
      for (Map.Entry<String, Integer> e : r.stepsPerBackend().entrySet()) {
        per.append(per.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
      }
      out.println("  steps per backend: " + (per.length() == 0 ? "none" : per));
    }
    out.flush();
  }

  /** Prints every backend's invalid-answer rate. */
  void printInvalidRates(InvalidCallStats stats) {
    StringBuilder sb = new StringBuilder();
    for (InvalidCallStats.Rate r : stats.rates()) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%s %d/%d (%.0f%%)", r.backend(), r.invalid(), r.calls(), 100 * r.rate()));
    }
    out.println("invalid answers: " + (sb.length() == 0 ? "none" : sb));
    out.flush();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 3) + "...";
  }
}
