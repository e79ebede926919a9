package dev.llmux.agent.task;

import java.util.Locale;

/** The programming language of a task, which decides how its tests run. */
public enum Language {
  /** Python 3; tests are {@code unittest} modules {@code tests/test*.py}. */
  PYTHON,
  /** Java 17; tests are classes {@code tests/*Test.java} with static {@code test*()} methods. */
  JAVA;

  /** The lower-case name used in {@code task.json}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The language named {@code id} in {@code task.json}, or a {@link TaskException} listing the choices. */
  public static Language of(String id) {
    for (Language l : values()) {
      if (l.id().equals(id)) {
        return l;
      }
    }
    throw new TaskException("unknown language '" + id + "': use python or java");
  }
}
