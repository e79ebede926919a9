package dev.llmux.agent.task;

import dev.llmux.agent.workspace.Workspace;

/** Runs a task's pristine tests against a workspace. */
@FunctionalInterface
public interface Evaluator {

  /** Runs the tests and reports; never throws for what the code under test does. */
  TestReport evaluate(Task task, Workspace workspace);
}
