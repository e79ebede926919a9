package dev.llmux.agent.mcp;

import dev.llmux.LlmuxException;

/**
 * A configured MCP tool server cannot be used: its command does not exist or does not start, it
 * does not initialise in time, or it does not list its tools. The message names the server and
 * its command or URL (never its environment's values). The CLI exits with status 3.
 */
public class McpServerException extends LlmuxException {

  /** An error with a message naming the server. */
  public McpServerException(String message) {
    super(message);
  }

  /** An error with a message naming the server, and its cause. */
  public McpServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
