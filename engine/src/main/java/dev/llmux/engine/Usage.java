package dev.llmux.engine;

/**
 * Token counts of one request.
 *
 * @param promptTokens tokens of the prompt the model read (chat template and BOS included)
 * @param completionTokens tokens the model produced
 */
public record Usage(int promptTokens, int completionTokens) {

  /** No tokens. */
  public static final Usage NONE = new Usage(0, 0);

  /** Both counts added. */
  public int totalTokens() {
    return promptTokens + completionTokens;
  }
}
