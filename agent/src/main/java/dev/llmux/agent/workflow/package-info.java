/**
 * Workflows: how an agent's roles work together on one task ({@link
 * dev.llmux.agent.workflow.Workflow}), registered by name in {@link
 * dev.llmux.agent.workflow.Workflows}. Each is one small class a reader can follow.
 */
package dev.llmux.agent.workflow;
