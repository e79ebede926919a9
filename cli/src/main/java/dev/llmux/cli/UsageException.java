package dev.llmux.cli;

import dev.llmux.LlmuxException;

/**
 * A command line the command cannot act on: options that exclude each other, a value out of range,
 * a name that does not exist. The message names the option and the fix.
 */
final class UsageException extends LlmuxException {

  /** A usage error. */
  UsageException(String message) {
    super(message);
  }
}
