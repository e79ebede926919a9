package dev.llmux.team;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a (sound) plan against the approval criteria, one by one:
 * <ol>
 *   <li>{@code acceptance}: every subtask has an acceptance check;
 *   <li>{@code workspace}: no file outside the workspace (absolute, {@code ..}, {@code ~}) and no
 *       spec or check that needs the network (URLs, {@code curl}, {@code wget}, package installs,
 *       {@code git clone}, {@code ssh}) or names an absolute path;
 *   <li>{@code budget}: the estimated cost (sum of the sizes' steps times the step cost) fits the budget;
 *   <li>{@code parallel-files}: two subtasks that may run at the same time list no file in common.
 * </ol>
 */
public final class Approval {

  private static final Pattern NETWORK = Pattern.compile(
      "(?i)(https?://|ftp://|\\bcurl\\b|\\bwget\\b|\\bpip3? install\\b|\\bnpm (install|i)\\b|\\bgit (clone|fetch|pull|push)\\b"
          + "|\\bssh\\b|\\bscp\\b|\\bnc\\b|\\bapt(-get)? install\\b)");
  private static final Pattern ABSOLUTE = Pattern.compile("(^|[\\s'\"=(])(/|~/)[A-Za-z0-9_.]");

  private Approval() {}

  /** The criteria, in the order above. */
  public static List<Criterion> check(Plan plan, Budget budget) {
    List<Criterion> out = new ArrayList<>();
    out.add(acceptance(plan));
    out.add(workspace(plan));
    out.add(budget(plan, budget));
    out.add(parallelFiles(plan));
    return out;
  }

  /** Whether every criterion passed. */
  public static boolean passed(List<Criterion> criteria) {
    return criteria.stream().allMatch(Criterion::passed);
  }

  private static Criterion acceptance(Plan plan) {
    List<String> missing = new ArrayList<>();
    for (Subtask s : plan.subtasks()) {
      if (s.acceptance().isEmpty() || s.acceptance().stream().allMatch(String::isBlank)) {
        missing.add(s.id());
      }
    }
    return missing.isEmpty()
        ? new Criterion("acceptance", true, "every subtask has an acceptance check (" + plan.subtasks().size() + " subtasks)")
        : new Criterion("acceptance", false, "no acceptance check in " + String.join(", ", missing));
  }

  private static Criterion workspace(Plan plan) {
    List<String> bad = new ArrayList<>();
    for (Subtask s : plan.subtasks()) {
      for (String f : s.files()) {
        String why = outside(f);
        if (why != null) {
          bad.add(s.id() + " file '" + f + "' " + why);
        }
      }
      for (String text : concat(s.spec(), s.acceptance())) {
        if (NETWORK.matcher(text).find()) {
          bad.add(s.id() + " needs the network: '" + clip(text) + "'");
        } else if (ABSOLUTE.matcher(text).find() || text.contains("../")) {
          bad.add(s.id() + " names a path outside the workspace: '" + clip(text) + "'");
        }
      }
    }
    return bad.isEmpty()
        ? new Criterion("workspace", true, "no network, every path inside the workspace")
        : new Criterion("workspace", false, String.join("; ", bad));
  }

  /** Why a plan's file path leaves the workspace, or {@code null}. */
  static String outside(String f) {
    if (f.startsWith("/") || f.startsWith("\\") || f.matches("^[A-Za-z]:.*")) {
      return "is absolute";
    }
    if (f.startsWith("~")) {
      return "starts with ~";
    }
    for (String part : f.split("[/\\\\]")) {
      if (part.equals("..")) {
        return "climbs out with ..";
      }
    }
    return null;
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  private static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static Criterion budget(Plan plan, Budget budget) {
    int steps = plan.subtasks().stream().mapToInt(s -> s.size().steps()).sum();
    double cost = steps * budget.stepCost();
    String detail = String.format(Locale.ROOT, "estimated $%.4f (%d steps x $%.4f) of $%.4f", cost, steps, budget.stepCost(),
        budget.maxCost());
    return new Criterion("budget", cost <= budget.maxCost(), detail);
  }

  private static Criterion parallelFiles(Plan plan) {
    List<String> clashes = new ArrayList<>();
    List<Subtask> list = plan.subtasks();
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        Subtask a = list.get(i);
        Subtask b = list.get(j);
        for (String f : a.files()) {
          if (b.files().contains(f) && PlanCheck.mayRunInParallel(plan, a.id(), b.id())) {
            clashes.add(a.id() + " and " + b.id() + " may run together and both touch " + f + " (order them)");
          }
        }
      }
    }
    return clashes.isEmpty()
        ? new Criterion("parallel-files", true, "no two subtasks that may run together share a file")
        : new Criterion("parallel-files", false, String.join("; ", clashes));
  }
}
