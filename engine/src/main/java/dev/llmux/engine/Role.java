package dev.llmux.engine;

import java.util.Locale;

/** Who said a message in a conversation. */
public enum Role {
  /** Instructions that frame the whole conversation. */
  SYSTEM,
  /** The person or program asking. */
  USER,
  /** The model answering. */
  ASSISTANT;

  /** The lower-case wire name ({@code system}, {@code user}, {@code assistant}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
