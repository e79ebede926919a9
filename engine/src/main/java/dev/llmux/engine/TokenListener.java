package dev.llmux.engine;

/** Receives the text of an answer as it is produced. */
@FunctionalInterface
public interface TokenListener {

  /** A listener that ignores everything. */
  TokenListener NONE = piece -> {};

  /**
   * Called, on the thread that called {@link Backend#chat}, with each new piece of text. A piece
   * may hold several tokens (a multi-byte character spread over byte tokens) or none (text held
   * back while it might be the start of a stop string).
   */
  void onText(String piece);
}
