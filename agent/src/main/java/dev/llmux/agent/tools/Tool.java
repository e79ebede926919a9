package dev.llmux.agent.tools;

import java.util.List;

/**
 * Something the agent can do in one step. Implementations are stateless and thread-safe; the
 * standard ones are in {@link Tools}. To add a tool, implement this and add it to a
 * {@link ToolSet}.
 */
public interface Tool {

  /** The name used in calls, e.g. {@code write_file}. */
  String name();

  /** One sentence for the prompt: what the tool does and what it returns. */
  String description();

  /** The arguments, in the order shown to the model. */
  List<ToolParam> params();

  /** Whether the tool may change files in the workspace (so cached test results become stale). */
  boolean changesWorkspace();

  /**
   * Runs a validated call. Refusals (bad path, missing file) come back as
   * {@link ToolResult#error}, never as exceptions.
   */
  ToolResult run(ToolCall call, ToolContext context);

  /**
   * Called when an episode ends, whichever way: releases what the tool held for it (an MCP tool
   * stops the server it started in the episode's workspace). Does nothing by default.
   */
  default void endEpisode() {}
}
