package dev.llmux.team;

import java.util.ArrayList;
import java.util.List;

/** Plans for tests: subtasks with files {@code <id>.txt} and checks that grep for the id. */
final class Plans {

  private Plans() {}

  /** A subtask writing {@code id.txt}, checked by grep, with these dependencies. */
  static Subtask sub(String id, String spec, String... deps) {
    return new Subtask(id, "title " + id, spec, List.of(id + ".txt"), List.of(deps), List.of("grep -q " + id + ": " + id + ".txt"),
        Size.SMALL);
  }

  /** The 8-subtask diamond-ish plan used for scheduling tests and measurements. */
  static Plan eight(String spec) {
    List<Subtask> l = new ArrayList<>();
    l.add(sub("s1", spec));
    l.add(sub("s2", spec));
    l.add(sub("s3", spec, "s1"));
    l.add(sub("s4", spec, "s1", "s2"));
    l.add(sub("s5", spec, "s2"));
    l.add(sub("s6", spec, "s3"));
    l.add(sub("s7", spec, "s4"));
    l.add(sub("s8", spec, "s5", "s6", "s7"));
    return new Plan(l);
  }
}
