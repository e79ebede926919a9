package dev.llmux.agent.task;

/**
 * The result of running a task's pristine tests, as the harness saw it.
 *
 * @param passed tests that passed
 * @param failed tests that failed or raised
 * @param total tests the runner ran
 * @param expected tests the task holds ({@link Task#testCount()})
 * @param verified the result line carried a valid authentication code; when false nothing passed
 * @param output what the tests printed (capped), for the agent to read
 * @param problem why the run has no verified result, or an empty string
 */
public record TestReport(int passed, int failed, int total, int expected, boolean verified, String output, String problem) {

  /** A report with no verified result. */
  public static TestReport unverified(int expected, String output, String problem) {
    return new TestReport(0, 0, 0, expected, false, output, problem);
  }

  /** Passed tests over the task's test count, from 0 to 1; 0 when not verified. */
  public double passFraction() {
    if (!verified || expected == 0) {
      return 0;
    }
    return Math.min(1.0, (double) passed / expected);
  }

  /** Whether every test of the task ran and passed. */
  public boolean allPassed() {
    return verified && failed == 0 && total == expected && passed == expected;
  }

  /** One line such as {@code passed 4/5} or {@code no verified result: compilation failed}. */
  public String summary() {
    if (!verified) {
      return "no verified result: " + problem;
    }
    String s = "passed " + passed + "/" + expected;
    if (total != expected) {
      s += " (ran " + total + " of " + expected + " tests)";
    }
    return s;
  }
}
