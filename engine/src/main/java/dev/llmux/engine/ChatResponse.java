package dev.llmux.engine;

import java.util.List;

/**
 * A complete answer.
 *
 * @param text the produced text (stop strings removed)
 * @param stopReason why the answer ended
 * @param usage token counts
 * @param timings timing figures measured around the call
 * @param backend the backend that answered (the last one, when a fallback continued the answer)
 * @param servedBy every backend that produced part of the text, in order; one entry normally
 */
public record ChatResponse(
    String text, StopReason stopReason, Usage usage, Timings timings, String backend, List<String> servedBy) {

  /** Copies the list. */
  public ChatResponse {
    servedBy = List.copyOf(servedBy);
  }

  /** A response produced by a single backend. */
  public static ChatResponse of(String text, StopReason stopReason, Usage usage, Timings timings, String backend) {
    return new ChatResponse(text, stopReason, usage, timings, backend, List.of(backend));
  }
}
