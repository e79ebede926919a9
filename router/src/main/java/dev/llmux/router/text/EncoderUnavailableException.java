package dev.llmux.router.text;

import dev.llmux.LlmuxException;

/**
 * The text encoder cannot run on this machine: ONNX Runtime's or the tokenizer's native library
 * does not load on this platform. Not a bad file: the same files may work elsewhere.
 */
public class EncoderUnavailableException extends LlmuxException {

  /** A load failure; the message says which native library and what to do. */
  public EncoderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
