package dev.llmux.engine;

import java.util.List;

/**
 * A complete answer.
 *
 * <p>An answer continued across backends (see {@link Continuation}) has one {@link Part} per
 * backend that produced text, in order; its {@code usage} is their sum and its {@code timings} are
 * measured from the request's arrival to the end of the whole answer.
 *
 * @param text the produced text (stop strings removed)
 * @param stopReason why the answer ended
 * @param usage token counts, summed over {@code parts}
 * @param timings timing figures measured around the call
 * @param backend the backend that answered (the last one, when a fallback continued the answer)
 * @param servedBy every backend that produced part of the text, in order; one entry normally
 * @param parts each backend's share: its name, usage and timings, in order; one entry normally
 */
public record ChatResponse(
    String text, StopReason stopReason, Usage usage, Timings timings, String backend, List<String> servedBy,
    List<Part> parts) {

  /**
   * One backend's share of an answer.
   *
   * @param backend the backend's name
   * @param usage the tokens it read (its own prompt, with any text it continued) and produced
   * @param timings measured from the moment it was asked to its end
   */
  public record Part(String backend, Usage usage, Timings timings) {}

  /** Copies the lists. */
  public ChatResponse {
    servedBy = List.copyOf(servedBy);
    parts = List.copyOf(parts);
  }

  /** A response whose only part is its own figures, named after {@code backend}. */
  public ChatResponse(String text, StopReason stopReason, Usage usage, Timings timings, String backend,
      List<String> servedBy) {
    this(text, stopReason, usage, timings, backend, servedBy, List.of(new Part(backend, usage, timings)));
  }

  /** A response produced by a single backend. */
  public static ChatResponse of(String text, StopReason stopReason, Usage usage, Timings timings, String backend) {
    return new ChatResponse(text, stopReason, usage, timings, backend, List.of(backend));
  }
}
