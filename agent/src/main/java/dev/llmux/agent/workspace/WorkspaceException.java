package dev.llmux.agent.workspace;

import dev.llmux.LlmuxException;

/**
 * A tool asked for something the workspace refuses, or a workspace folder that does not exist: the
 * message says what, and what to do.
 */
public class WorkspaceException extends LlmuxException {

  /** A refused path or file operation. */
  public WorkspaceException(String message) {
    super(message);
  }

  /** A refused operation with its cause. */
  public WorkspaceException(String message, Throwable cause) {
    super(message, cause);
  }
}
