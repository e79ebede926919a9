package dev.llmux.agent;

import dev.llmux.LlmuxException;

/** The agent cannot run as configured: the message says what to change. */
public class AgentException extends LlmuxException {

  /** An agent configuration error. */
  public AgentException(String message) {
    super(message);
  }
}
