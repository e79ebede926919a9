package dev.llmux.team;

import java.util.Locale;

/** A subtask's size estimate, as the lead gives it; each size stands for a number of agent steps. */
public enum Size {
  /** A few lines in one file: about 4 steps. */
  SMALL(4),
  /** A function or two: about 8 steps. */
  MEDIUM(8),
  /** A module: about 16 steps. */
  LARGE(16);

  private final int steps;

  Size(int steps) {
    this.steps = steps;
  }

  /** The estimated agent steps. */
  public int steps() {
    return steps;
  }

  /** The name as it appears in plans ({@code small}, {@code medium}, {@code large}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The size named {@code label}, or {@code null}. */
  public static Size of(String label) {
    for (Size s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    return null;
  }
}
