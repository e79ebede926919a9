package dev.llmux;

/**
 * The root of every exception llmux throws on purpose.
 *
 * <p>The message says what was wrong, where (file, JSON path, model name) and what to do; the
 * subclass says what kind of problem it is (a bad config, an unavailable backend, a failed job).
 * Library exceptions carry no exit status: the command line maps exception types to its exit
 * statuses.
 */
public class LlmuxException extends RuntimeException {

  /** Creates an exception with the given message. */
  public LlmuxException(String message) {
    super(message);
  }

  /** Creates an exception with the given message and cause. */
  public LlmuxException(String message, Throwable cause) {
    super(message, cause);
  }
}
