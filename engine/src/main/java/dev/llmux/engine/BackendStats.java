package dev.llmux.engine;

/**
 * A snapshot of a backend's live figures, read by the router.
 *
 * @param inFlight requests running now
 * @param completed requests finished (successfully or not) since start
 * @param ewmaTimeToFirstTokenMillis exponentially weighted average of time to first token; 0 before
 *     the first answer
 * @param ewmaTokensPerSecond exponentially weighted average of decode speed; 0 before the first answer
 * @param errorRate exponentially weighted share of failed requests, from 0 to 1
 * @param availability whether the backend takes requests now
 */
public record BackendStats(
    int inFlight,
    long completed,
    double ewmaTimeToFirstTokenMillis,
    double ewmaTokensPerSecond,
    double errorRate,
    Availability availability) {

  /** Whether a backend takes requests now. */
  public enum Availability {
    /** Takes requests. */
    AVAILABLE,
    /** Failing recently; one probe request is let through to test it (circuit half-open). */
    PROBING,
    /** Does not take requests (circuit open, quota exhausted, closed). */
    UNAVAILABLE
  }
}
