package dev.llmux.engine;

import dev.llmux.LlmuxException;

/** A configuration that cannot be used: the message names the file, the JSON path and the fix. */
public class ConfigException extends LlmuxException {

  /** A config error. */
  public ConfigException(String message) {
    super(message);
  }

  /** A config error with its cause. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
