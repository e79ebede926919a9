package dev.llmux.team;

/**
 * One approval criterion as checked on a plan.
 *
 * @param name the criterion ({@code acceptance}, {@code workspace}, {@code budget}, {@code parallel-files})
 * @param passed whether the plan meets it
 * @param detail what was found: the numbers, or every offending subtask
 */
public record Criterion(String name, boolean passed, String detail) {

  /** One line: {@code [pass] budget: ...}. */
  public String line() {
    return (passed ? "[pass] " : "[FAIL] ") + name + ": " + detail;
  }
}
