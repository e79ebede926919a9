package dev.llmux.agent;

import dev.llmux.agent.task.Task;
import dev.llmux.agent.workflow.Workflow;
import dev.llmux.agent.workflow.Workflows;
import dev.llmux.agent.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs an agent over many tasks, each episode in a fresh workspace, and formats the results. */
public final class Bench {

  private Bench() {}

  /** A fresh workspace holding the task's starter files and a copy of its tests. */
  public static Workspace prepare(Task task) {
    Workspace ws = Workspace.createTemp();
    if (task.hasStarter()) {
      ws.copyFrom(task.starterDir(), ".");
    }
    ws.copyFrom(task.testsDir(), "tests");
    return ws;
  }

  /** Runs {@code episodes} {@code solo} episodes of every task, in order, and returns their results. */
  public static List<EpisodeResult> run(Agent agent, List<Task> tasks, int episodes, StepListener listener) {
    return run(agent, Workflows.named(Workflows.SOLO), tasks, episodes, listener);
  }

  /** Runs {@code episodes} episodes of every task with {@code workflow}, in order, and returns their results. */
  public static List<EpisodeResult> run(Agent agent, Workflow workflow, List<Task> tasks, int episodes,
      StepListener listener) {
    List<EpisodeResult> out = new ArrayList<>();
    for (Task task : tasks) {
      for (int e = 0; e < episodes; e++) {
        try (Workspace ws = prepare(task)) {
          out.add(workflow.run(agent, task, ws, listener));
        }
      }
    }
    return out;
  }

  /**
   * The results as a text table: per task its language, difficulty, successes, mean steps, mean
   * time and the share of steps answered by each backend; then a total line.
   */
  public static String table(List<EpisodeResult> results, List<String> backends) {
    Map<String, List<EpisodeResult>> byTask = new LinkedHashMap<>();
    for (EpisodeResult r : results) {
      byTask.computeIfAbsent(r.task(), k -> new ArrayList<>()).add(r);
    }
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("task", "lang", "difficulty", "success", "steps", "time"));
    header.addAll(backends);
    rows.add(header.toArray(new String[0]));
    for (Map.Entry<String, List<EpisodeResult>> e : byTask.entrySet()) {
      List<EpisodeResult> rs = e.getValue();
      EpisodeResult first = rs.get(0);
      rows.add(row(e.getKey(), first.language().id(), first.difficulty().name().toLowerCase(Locale.ROOT), rs, backends));
    }
    rows.add(row("total (" + results.size() + " episodes)", "", "", results, backends));
    int[] widths = new int[header.size()];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < rows.size(); k++) {
      String[] r = rows.get(k);
      if (k == rows.size() - 1) {
        sb.append("-".repeat(java.util.Arrays.stream(widths).sum() + 2 * (widths.length - 1))).append('\n');
      }
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        boolean right = i >= 3;
        String cell = right ? " ".repeat(widths[i] - r[i].length()) + r[i] : r[i] + " ".repeat(widths[i] - r[i].length());
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  private static String[] row(String name, String lang, String difficulty, List<EpisodeResult> rs, List<String> backends) {
    int ok = 0;
    double steps = 0;
    double millis = 0;
    int totalSteps = 0;
    Map<String, Integer> per = new LinkedHashMap<>();
    for (EpisodeResult r : rs) {
      ok += r.success() ? 1 : 0;
      steps += r.steps();
      millis += r.wallMillis();
      for (Map.Entry<String, Integer> e : r.stepsPerBackend().entrySet()) {
        per.merge(e.getKey(), e.getValue(), Integer::sum);
        totalSteps += e.getValue();
      }
    }
    List<String> cells = new ArrayList<>(List.of(name, lang, difficulty, ok + "/" + rs.size(),
        String.format(Locale.ROOT, "%.1f", steps / rs.size()), String.format(Locale.ROOT, "%.1f s", millis / rs.size() / 1000)));
    for (String b : backends) {
      int n = per.getOrDefault(b, 0);
      cells.add(totalSteps == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * n / totalSteps));
    }
    return cells.toArray(new String[0]);
  }
}
