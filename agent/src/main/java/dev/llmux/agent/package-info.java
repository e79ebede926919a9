/**
 * The programming agent: the loop that, step by step, builds a prompt, sends it through one
 * {@link dev.llmux.router.RoutedBackend} (the router picks the backend), parses the backend's one
 * JSON tool call, runs the tool, rewards the router and reports each model call as a {@link
 * dev.llmux.agent.StepRecord} with a sealed {@link dev.llmux.agent.StepOutcome}; and its set-up as
 * library code ({@link dev.llmux.agent.AgentSetup}, {@link dev.llmux.agent.AgentBackends}).
 *
 * <p>Where to read first: {@link dev.llmux.agent.Agent#run} (the loop),
 * {@link dev.llmux.agent.tools.ToolCallParser} (what counts as a valid answer) and
 * {@link dev.llmux.agent.task.SandboxTestHarness} (where the reward comes from).
 */
package dev.llmux.agent;
