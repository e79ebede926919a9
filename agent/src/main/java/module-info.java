/**
 * The llmux agent module: tools, workspaces, the sandbox, tasks, the episode loop, trajectories
 * and mock backends.
 */
module dev.llmux.agent {
  requires transitive dev.llmux.router;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.llmux.agent;
  exports dev.llmux.agent.sandbox;
  exports dev.llmux.agent.task;
  exports dev.llmux.agent.tools;
  exports dev.llmux.agent.trajectory;
  exports dev.llmux.agent.workflow;
  exports dev.llmux.agent.workspace;
}
