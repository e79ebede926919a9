package dev.llmux.team;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter ("equal jitter": half the delay fixed, half random), for backend
 * outages, rate limits and an unreachable store.
 *
 * @param baseMillis the first delay before jitter
 * @param capMillis the largest delay before jitter
 */
public record Backoff(long baseMillis, long capMillis) {

  /** 250 ms doubling to at most 10 s. */
  public static final Backoff DEFAULT = new Backoff(250, 10_000);

  /** The delay before retry number {@code retry} (1 for the first retry). */
  public long delayMillis(int retry) {
    long d = baseMillis << Math.min(20, Math.max(0, retry - 1));
    d = Math.min(capMillis, d);
    return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
  }
}
