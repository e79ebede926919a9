package dev.llmux.router.text;

/**
 * Turns a text into a fixed-size, L2-normalised sentence embedding. The one implementation that
 * runs a model is {@link OnnxTextEncoder}; the router itself only needs this interface, so its
 * policies and the simulator run without native code.
 */
public interface TextEncoder extends AutoCloseable {

  /** The embedding's length. */
  int dimensions();

  /** The embedding of {@code text}; thread-safe. */
  float[] embed(String text);

  /** Releases what the encoder holds (for ONNX: the session). */
  @Override
  void close();
}
