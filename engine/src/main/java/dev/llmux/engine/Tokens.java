package dev.llmux.engine;

import java.util.List;

/**
 * The one rough token count of llmux, used where no tokenizer is at hand (routing a request
 * before a backend sees it, sizing an agent's prompt): four characters a token, which is close
 * for English text and code with byte-pair vocabularies.
 */
public final class Tokens {

  /** Characters per token of the estimate. */
  public static final int CHARS_PER_TOKEN = 4;

  private Tokens() {}

  /** The estimated token count of {@code text}. */
  public static int estimate(CharSequence text) {
    return text.length() / CHARS_PER_TOKEN;
  }

  /** The estimated token count of a conversation's contents. */
  public static int estimate(List<Message> messages) {
    long chars = 0;
    for (Message m : messages) {
      chars += m.content().length();
    }
    return (int) Math.min(Integer.MAX_VALUE, chars / CHARS_PER_TOKEN);
  }

  /** The estimated prompt tokens of a request: its raw prompt or its messages. */
  public static int estimate(ChatRequest request) {
    return request.rawPrompt() != null ? estimate(request.rawPrompt()) : estimate(request.messages());
  }
}
