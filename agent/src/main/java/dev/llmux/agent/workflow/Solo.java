package dev.llmux.agent.workflow;

import dev.llmux.agent.Agent;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.workspace.Workspace;
import java.util.List;

/** {@code solo}: the agent's own loop, every step routed among its backends as the {@code primary} role. */
final class Solo implements Workflow {

  @Override
  public String name() {
    return Workflows.SOLO;
  }

  @Override
  public List<String> roles() {
    return List.of();
  }

  @Override
  public EpisodeResult run(Agent agent, Task task, Workspace workspace, StepListener listener) {
    return agent.run(task, workspace, listener);
  }
}
