package dev.llmux.agent.task;

import dev.llmux.LlmuxException;

/** A task folder that cannot be used: the message names the file, the field and the fix. */
public class TaskException extends LlmuxException {

  /** A bad task. */
  public TaskException(String message) {
    super(message);
  }

  /** A bad task with its cause. */
  public TaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
