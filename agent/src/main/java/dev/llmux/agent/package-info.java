/**
 * The programming agent: the loop that, step by step, builds a prompt, lets the router pick a
 * backend, parses the backend's one JSON tool call, runs the tool, rewards the router and
 * reports the step.
 *
 * <p>Where to read first: {@link dev.llmux.agent.Agent#run} (the loop),
 * {@link dev.llmux.agent.tools.ToolCallParser} (what counts as a valid answer) and
 * {@link dev.llmux.agent.task.SandboxTestHarness} (where the reward comes from).
 */
package dev.llmux.agent;
