package dev.llmux.benchmarks;

import dev.llmux.engine.llama.LlamaBackend;

/** BenchPrompts of known size for the benchmarks. */
public final class BenchPrompts {

  /** A short prompt, as a chat turn might start: a few dozen tokens at most. */
  public static final String SHORT = "Explain in one paragraph why a router picks a small model for easy questions.";

  private static final String UNIT = " The quick brown fox jumps over the lazy dog while the router counts tokens.";
  private static final String[] FILLERS = {" a", ".", " x", "a", "x", "!"};

  private BenchPrompts() {}

  /**
   * A prompt that {@code backend}'s model reads as exactly {@code tokens} tokens (its BOS token
   * included when the model adds one).
   *
   * @throws IllegalStateException when no such prompt is found (a tokenizer that merges every filler)
   */
  public static String exact(LlamaBackend backend, int tokens) {
    StringBuilder text = new StringBuilder("Once upon a time");
    if (backend.countPromptTokens(text.toString()) > tokens) {
      throw new IllegalStateException("cannot build a prompt of only " + tokens + " tokens for " + backend.name());
    }
    while (backend.countPromptTokens(text + UNIT) <= tokens) {
      text.append(UNIT);
    }
    for (int step = 0; step < 4 * tokens; step++) {
      int count = backend.countPromptTokens(text.toString());
      if (count == tokens) {
        return text.toString();
      }
      boolean grew = false;
      for (String filler : FILLERS) {
        if (backend.countPromptTokens(text + filler) <= tokens) {
          text.append(filler);
          grew = true;
          break;
        }
      }
      if (!grew) {
        break;
      }
    }
    throw new IllegalStateException("cannot build a prompt of exactly " + tokens + " tokens for " + backend.name()
        + ": the closest has " + backend.countPromptTokens(text.toString()));
  }
}
