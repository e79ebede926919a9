package dev.llmux.nativelib;

import dev.llmux.LlmuxException;

/** The llama.cpp native library could not be found or loaded; the message lists every path tried. */
public final class NativeLibraryException extends LlmuxException {

  /** A load failure. */
  public NativeLibraryException(String message, Throwable cause) {
    super(message, cause);
  }
}
