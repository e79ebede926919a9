/** The programming agent: JSON tool calls, workspace, sandbox, tasks and the agent loop. */
package dev.llmux.agent;
