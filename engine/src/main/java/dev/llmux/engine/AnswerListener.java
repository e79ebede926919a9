package dev.llmux.engine;

/**
 * Callbacks of an asynchronous answer ({@link Backends#async}): each piece of text, then exactly one
 * of {@link #onComplete} or {@link #onError}. All are called on the thread that runs the request;
 * every method has a do-nothing default.
 */
public interface AnswerListener extends TokenListener {

  @Override
  default void onText(String piece) {}

  /** The answer ended (by itself, at a limit, or cancelled: see its stop reason). */
  default void onComplete(ChatResponse response) {}

  /** The answer failed. */
  default void onError(Throwable failure) {}
}
