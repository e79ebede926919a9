package dev.llmux.agent.tools;

import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.workspace.Workspace;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a tool may use: the workspace, the task, and a way to run the task's pristine tests.
 *
 * @param workspace the run's workspace; every path resolves inside it
 * @param task the task being solved
 * @param tests runs the pristine tests on the workspace as it is now (the agent caches results
 *     while no file changed)
 */
public record ToolContext(Workspace workspace, Task task, Supplier<TestReport> tests) {

  /** Checks the fields. */
  public ToolContext {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(tests, "tests");
  }
}
