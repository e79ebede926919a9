package dev.llmux.router.text;

import dev.llmux.LlmuxException;

/**
 * A text-feature file that cannot be used: an estimator head or feature pool that is missing,
 * unreadable, foreign, of another version, or made for another encoder; or a model file that is
 * not an ONNX model. The message names the file and what to do.
 */
public class TextFeatureException extends LlmuxException {

  /** A file error; the message names the file and what to do. */
  public TextFeatureException(String message) {
    super(message);
  }

  /** A file error with its cause. */
  public TextFeatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
