package dev.llmux.team;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a plan's graph once, before anything runs: at least one subtask and at most
 * {@link PlanSchema#MAX_SUBTASKS}, duplicate ids, unknown or self dependencies, cycles (named,
 * e.g. {@code s1 -> s3 -> s1}), empty fields and the schema's length limits. Each problem is one
 * line the lead can act on.
 */
public final class PlanCheck {

  private PlanCheck() {}

  /** The plan's problems, empty when it is sound. */
  public static List<String> problems(Plan plan) {
    List<String> out = new ArrayList<>();
    List<Subtask> subtasks = plan.subtasks();
    if (subtasks.isEmpty()) {
      out.add("the plan has no subtasks: give at least one");
      return out;
    }
    if (subtasks.size() > PlanSchema.MAX_SUBTASKS) {
      out.add("the plan has " + subtasks.size() + " subtasks; at most " + PlanSchema.MAX_SUBTASKS + ": merge some");
    }
    Set<String> seen = new HashSet<>();
    for (Subtask s : subtasks) {
      if (s.id().isBlank()) {
        out.add("a subtask has an empty id");
      } else if (!seen.add(s.id())) {
        out.add("duplicate id " + s.id() + ": give every subtask its own id");
      }
    }
    Map<String, Subtask> byId = plan.byId();
    for (Subtask s : subtasks) {
      fields(s, out);
      for (String d : s.dependencies()) {
        if (d.equals(s.id())) {
          out.add(s.id() + " depends on itself");
        } else if (!byId.containsKey(d)) {
          out.add(s.id() + " depends on unknown subtask " + d + ": the ids are " + byId.keySet());
        }
      }
    }
    List<String> cycle = cycle(byId);
    if (cycle != null) {
      out.add("the dependencies form a cycle " + String.join(" -> ", cycle) + ": break it");
    }
    return new ArrayList<>(new java.util.LinkedHashSet<>(out));
  }

  private static void fields(Subtask s, List<String> out) {
    if (s.title().isBlank() || s.title().length() > PlanSchema.MAX_TITLE) {
      out.add(s.id() + ": the title must be 1 to " + PlanSchema.MAX_TITLE + " characters");
    }
    if (s.spec().isBlank() || s.spec().length() > PlanSchema.MAX_SPEC) {
      out.add(s.id() + ": the spec must be 1 to " + PlanSchema.MAX_SPEC + " characters");
    }
    for (String[] f : new String[][] {
        s.files().toArray(String[]::new), s.dependencies().toArray(String[]::new), s.acceptance().toArray(String[]::new)}) {
      if (f.length > PlanSchema.MAX_LIST) {
        out.add(s.id() + ": lists hold at most " + PlanSchema.MAX_LIST + " entries");
      }
      for (String item : f) {
        if (item.isBlank() || item.length() > PlanSchema.MAX_ITEM) {
          out.add(s.id() + ": file names and checks must be 1 to " + PlanSchema.MAX_ITEM + " characters");
        }
      }
    }
  }

  /** A cycle among known dependencies as ids from start back to start, or {@code null}. */
  static List<String> cycle(Map<String, Subtask> byId) {
    Map<String, Integer> color = new HashMap<>(); // 1 on the path, 2 finished
    for (String start : byId.keySet()) {
      if (color.containsKey(start)) {
        continue;
      }
      Deque<String> path = new ArrayDeque<>();
      List<String> c = visit(start, byId, color, path);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private static List<String> visit(String id, Map<String, Subtask> byId, Map<String, Integer> color, Deque<String> path) {
    color.put(id, 1);
    path.addLast(id);
    for (String d : byId.get(id).dependencies()) {
      if (!byId.containsKey(d) || d.equals(id)) {
        continue;
      }
      Integer c = color.get(d);
      if (c == null) {
        List<String> found = visit(d, byId, color, path);
        if (found != null) {
          return found;
        }
      } else if (c == 1) {
        List<String> cycle = new ArrayList<>();
        boolean on = false;
        for (String p : path) {
          on |= p.equals(d);
          if (on) {
            cycle.add(p);
          }
        }
        cycle.add(d);
        return cycle;
      }
    }
    path.removeLast();
    color.put(id, 2);
    return null;
  }

  /**
   * The plan's subtasks in a topological order (Kahn's algorithm, ties in plan order); the plan
   * must have passed {@link #problems}.
   */
  public static List<String> order(Plan plan) {
    Map<String, Integer> indegree = new LinkedHashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (Subtask s : plan.subtasks()) {
      indegree.put(s.id(), s.dependencies().size());
      for (String d : s.dependencies()) {
        dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(s.id());
      }
    }
    List<String> order = new ArrayList<>();
    Deque<String> ready = new ArrayDeque<>();
    indegree.forEach((id, n) -> {
      if (n == 0) {
        ready.add(id);
      }
    });
    while (!ready.isEmpty()) {
      String id = ready.poll();
      order.add(id);
      for (String t : dependents.getOrDefault(id, List.of())) {
        if (indegree.merge(t, -1, Integer::sum) == 0) {
          ready.add(t);
        }
      }
    }
    return order;
  }

  /** Whether {@code a} and {@code b} may run at the same time: neither depends on the other, directly or not. */
  public static boolean mayRunInParallel(Plan plan, String a, String b) {
    return !reaches(plan, a, b) && !reaches(plan, b, a);
  }

  private static boolean reaches(Plan plan, String from, String to) {
    Map<String, Subtask> byId = plan.byId();
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String id = todo.poll();
      Subtask s = byId.get(id);
      if (s == null || !seen.add(id)) {
        continue;
      }
      for (String d : s.dependencies()) {
        if (d.equals(to)) {
          return true;
        }
        todo.add(d);
      }
    }
    return false;
  }
}
