/**
 * The agent's tools and their one JSON tool-call format.
 *
 * <p>A model answers each step with exactly one object {@code {"tool": NAME, "args": {...}}};
 * {@link dev.llmux.agent.tools.ToolSet#schema()} is the JSON Schema that covers every tool (one
 * {@code oneOf} branch per tool, so a grammar can enforce it),
 * {@link dev.llmux.agent.tools.ToolCallParser} parses and validates answers strictly, and
 * {@link dev.llmux.agent.tools.Tools} holds the standard tools.
 */
package dev.llmux.agent.tools;
