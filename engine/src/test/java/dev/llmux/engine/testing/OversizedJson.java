package dev.llmux.engine.testing;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.util.List;

/**
 * JSON documents past the parser's limits, generated for the tests of every JSON reader: arrays
 * nested 10,000 deep (the limit is {@value StreamReadConstraints#DEFAULT_MAX_DEPTH}) and a string
 * value one character longer than the limit. Shared with other modules through the engine's test jar.
 */
public final class OversizedJson {

  /** What every message about such a document says (Jackson's words for a broken limit). */
  public static final String LIMIT_WORDS = "exceeds the maximum allowed";

  private OversizedJson() {}

  /** An array nested 10,000 deep. */
  public static String deepArray() {
    return "[".repeat(10_000) + "]".repeat(10_000);
  }

  /** An object whose {@code key} holds a string one character longer than the parser reads. */
  public static String longString(String key) {
    return "{\"" + key + "\": \"" + "a".repeat(StreamReadConstraints.DEFAULT_MAX_STRING_LEN + 1) + "\"}";
  }

  /** Both documents, for parameterized tests: {@code deepArray()}, {@code longString(key)}. */
  public static List<String> all(String key) {
    return List.of(deepArray(), longString(key));
  }
}
