package dev.llmux.engine;

/**
 * Timing figures of one request, measured in Java around the backend call.
 *
 * @param timeToFirstTokenMillis from the call to the first produced token (queueing and prompt
 *     processing included); equals {@code totalMillis} when no token was produced
 * @param decodeTokensPerSecond completion tokens after the first, divided by the time after the
 *     first token; 0 when fewer than two tokens were produced
 * @param totalMillis from the call to the end of the answer
 */
public record Timings(double timeToFirstTokenMillis, double decodeTokensPerSecond, double totalMillis) {

  /** Computes the figures from nanosecond timestamps and the completion token count. */
  public static Timings of(long startNanos, long firstTokenNanos, long endNanos, int completionTokens) {
    double total = (endNanos - startNanos) / 1e6;
    if (firstTokenNanos <= 0 || completionTokens == 0) {
      return new Timings(total, 0, total);
    }
    double ttft = (firstTokenNanos - startNanos) / 1e6;
    double decodeSeconds = (endNanos - firstTokenNanos) / 1e9;
    double tps = completionTokens > 1 && decodeSeconds > 0 ? (completionTokens - 1) / decodeSeconds : 0;
    return new Timings(ttft, tps, total);
  }
}
