package dev.llmux.team;

import dev.llmux.team.store.SubtaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table a run ends with: one row per subtask, then the counts. */
public final class Summary {

  private Summary() {}

  /** The table's lines. */
  public static List<String> lines(Plan plan, List<SubtaskRecord> records) {
    List<String> out = new ArrayList<>();
    String fmt = "%-4s %-28s %-8s %8s %6s  %s";
    out.add(String.format(Locale.ROOT, fmt, "id", "title", "state", "attempts", "claims", "files / why"));
    int done = 0;
    int failed = 0;
    int skipped = 0;
    List<String> skippedIds = new ArrayList<>();
    for (SubtaskRecord r : records) {
      Subtask s = plan.byId().get(r.id());
      String title = s == null ? "" : s.title();
      if (title.length() > 28) {
        title = title.substring(0, 25) + "...";
      }
      int attempts = r.state() == SubtaskState.DONE || r.state() == SubtaskState.RUNNING ? r.failures() + 1 : r.failures();
      String note = switch (r.state()) {
        case DONE -> r.changed().isEmpty() ? "(no changes)" : r.changed();
        case FAILED, SKIPPED -> oneLine(r.error());
        default -> "";
      };
      out.add(String.format(Locale.ROOT, fmt, r.id(), title, r.state().name().toLowerCase(Locale.ROOT), attempts, r.claims(), note));
      switch (r.state()) {
        case DONE -> done++;
        case FAILED -> failed++;
        case SKIPPED -> {
          skipped++;
          skippedIds.add(r.id());
        }
        default -> { }
      }
    }
    out.add(done + " done, " + failed + " failed, " + skipped + " skipped of " + records.size()
        + (skippedIds.isEmpty() ? "" : " (skipped: " + String.join(", ", skippedIds) + ")"));
    return out;
  }

  private static String oneLine(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= 100 ? one : one.substring(0, 97) + "...";
  }
}
