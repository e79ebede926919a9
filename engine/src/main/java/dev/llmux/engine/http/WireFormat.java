package dev.llmux.engine.http;

/** The HTTP API a provider speaks. */
public enum WireFormat {
  /** OpenAI-compatible chat completions: {@code POST {base}/chat/completions}, SSE chunks ending in {@code [DONE]}. */
  OPENAI_CHAT("/chat/completions"),
  /** Anthropic's Messages API: {@code POST {base}/messages}, typed SSE events ending in {@code message_stop}. */
  ANTHROPIC_MESSAGES("/messages");

  private final String chatPath;

  WireFormat(String chatPath) {
    this.chatPath = chatPath;
  }

  /** The path of the chat endpoint, appended to the base URL. */
  public String chatPath() {
    return chatPath;
  }

  /** The path of the model listing, appended to the base URL (the same for both formats). */
  public String modelsPath() {
    return "/models";
  }
}
