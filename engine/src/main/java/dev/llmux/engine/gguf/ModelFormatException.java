package dev.llmux.engine.gguf;

import dev.llmux.LlmuxException;
import java.nio.file.Path;

/**
 * A model file that is not a valid GGUF file (or not one llmux can run): the message names the
 * file, the byte offset and the problem. Thrown before any native code sees the file.
 */
public class ModelFormatException extends LlmuxException {

  private final long offset;

  /** A problem at {@code offset} of {@code file} (offset -1 when it concerns the whole file). */
  public ModelFormatException(Path file, long offset, String problem) {
    super(describe(file, offset, problem));
    this.offset = offset;
  }

  /** The byte offset of the problem, or -1. */
  public long offset() {
    return offset;
  }

  private static String describe(Path file, long offset, String problem) {
    String where = offset >= 0 ? " at byte offset " + offset : "";
    return "invalid model file " + file + where + ": " + problem;
  }
}
