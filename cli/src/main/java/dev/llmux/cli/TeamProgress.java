package dev.llmux.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.json.JsonFields;
import dev.llmux.team.Plan;
import dev.llmux.team.Summary;
import dev.llmux.team.TeamEvent;
import dev.llmux.team.store.RunInfo;
import dev.llmux.team.store.RunStore;
import dev.llmux.team.store.SubtaskRecord;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a run's events as they reach the store (so events of every worker show): {@code inline}
 * (one line per event), {@code json} (one JSON object per event) or {@code bar} (on a terminal, a
 * live line per running teammate under an overall bar; inline when stdout is not a terminal).
 */
final class TeamProgress implements AutoCloseable {

  private final RunStore store;
  private final String run;
  private final String ui;
  private final PrintWriter out;
  private final Thread thread;
  private final long start = System.currentTimeMillis();
  private final Map<String, Long> running = new LinkedHashMap<>();
  private int seen;
  private int drawn;
  private int done;
  private volatile boolean stop;

  TeamProgress(RunStore store, String run, String ui, PrintWriter out) {
    this.store = store;
    this.run = run;
    this.ui = ui.equals("bar") && !Terminals.interactive() ? "inline" : ui;
    this.out = out;
    this.thread = new Thread(this::loop, "llmux-team-progress");
    this.thread.setDaemon(true);
  }

  /** Starts following the events. */
  TeamProgress start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (!stop) {
      poll();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void poll() {
    List<TeamEvent> events;
    try {
      events = store.events(run, seen);
    } catch (RuntimeException e) {
      return; // the store is away; the scheduler says so and retries
    }
    for (TeamEvent e : events) {
      seen++;
      render(e);
    }
    if (ui.equals("bar")) {
      redraw();
    }
    out.flush();
  }

  private void render(TeamEvent e) {
    switch (ui) {
      case "json" -> out.println(e.toJson());
      case "bar" -> {
        clearBars();
        track(e);
        if (!e.kind().equals("claim")) {
          out.println(inline(e));
        }
      }
      default -> out.println(inline(e));
    }
  }

  private String inline(TeamEvent e) {
    return String.format(java.util.Locale.ROOT, "%7.1fs %s", Math.max(0, e.time() - start) / 1000.0, e.line());
  }

  private void track(TeamEvent e) {
    switch (e.kind()) {
      case "claim" -> running.put(e.subtask() + " " + e.worker(), e.time());
      case "done", "retry", "failed", "stale" -> {
        running.keySet().removeIf(k -> k.startsWith(e.subtask() + " "));
        if (e.kind().equals("done")) {
          done++;
        }
      }
      default -> { }
    }
  }

  private void clearBars() {
    for (int i = 0; i < drawn; i++) {
      out.print("\u001b[1A\u001b[2K");
    }
    drawn = 0;
  }

  private void redraw() {
    clearBars();
    long now = System.currentTimeMillis();
    for (Map.Entry<String, Long> r : running.entrySet()) {
      long secs = (now - r.getValue()) / 1000;
      int fill = (int) Math.min(20, secs);
      out.println("  " + r.getKey() + " [" + "#".repeat(fill) + " ".repeat(20 - fill) + "] " + secs + "s");
      drawn++;
    }
    out.println("  " + done + " done, " + running.size() + " running");
    drawn++;
  }

  /** Prints what is left and stops following. */
  @Override
  public void close() {
    stop = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    poll();
    if (ui.equals("bar")) {
      clearBars();
      out.flush();
    }
  }

  /** Prints the run's summary: a table, or one JSON object in json mode. */
  static void summary(RunStore store, RunInfo run, String ui, PrintWriter out) {
    List<SubtaskRecord> records = store.subtasks(run.id());
    Plan plan = run.plan().isEmpty() ? new Plan(List.of()) : Plan.parse(run.plan());
    if (ui.equals("json")) {
      ObjectNode o = JsonFields.mapper().createObjectNode().put("kind", "summary").put("run", run.id())
          .put("status", run.status().name().toLowerCase(java.util.Locale.ROOT));
      ArrayNode list = o.putArray("subtasks");
      records.forEach(r -> list.add(r.toJson()));
      out.println(o);
    } else {
      out.println("run " + run.id() + ": " + run.status().name().toLowerCase(java.util.Locale.ROOT));
      if (!records.isEmpty()) {
        Summary.lines(plan, records).forEach(out::println);
      }
    }
    out.flush();
  }
}
