package dev.llmux.agent.tools;

import dev.llmux.agent.task.TestReport;
import java.util.Objects;

/**
 * What running a tool produced.
 *
 * @param observation the text shown to the model as the step's observation
 * @param ok whether the tool did what was asked (false: refused path, missing file, ...)
 * @param tests the test report when the tool ran the tests, or {@code null}
 * @param finished whether the tool ends the episode
 */
public record ToolResult(String observation, boolean ok, TestReport tests, boolean finished) {

  /** Checks the observation is present. */
  public ToolResult {
    Objects.requireNonNull(observation, "observation");
  }

  /** A successful result with an observation. */
  public static ToolResult ok(String observation) {
    return new ToolResult(observation, true, null, false);
  }

  /** A failed result: the observation says what went wrong and what to do. */
  public static ToolResult error(String observation) {
    return new ToolResult(observation, false, null, false);
  }
}
