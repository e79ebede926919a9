package dev.llmux.agent.workflow;

import dev.llmux.agent.Agent;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.workspace.Workspace;
import java.util.List;

/**
 * How the roles of an agent work together on one task: {@code solo} (one routed loop), {@code
 * writer-reviewer-tester} or {@code planner-implementer}. A workflow is a small stateless object;
 * {@link Workflows#named} gives the registered ones by name.
 *
 * <pre>{@code
 * Workflow w = Workflows.named("writer-reviewer-tester");
 * EpisodeResult r = w.run(agent, task, workspace, trajectory);
 * }</pre>
 */
public interface Workflow {

  /** The workflow's name, as {@code --workflow} takes it. */
  String name();

  /** The catalog roles the workflow asks besides the agent's own routed loop, in the order it asks them. */
  List<String> roles();

  /**
   * Runs one episode of {@code task} in {@code workspace} with the agent's roles, reporting every
   * model call to {@code listener} (each {@link dev.llmux.agent.StepRecord} names its role and this
   * workflow). The reward is, as for {@code solo}, the task's pristine tests only.
   */
  EpisodeResult run(Agent agent, Task task, Workspace workspace, StepListener listener);
}
