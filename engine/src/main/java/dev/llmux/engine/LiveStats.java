package dev.llmux.engine;

/**
 * Keeps a backend's live figures: in-flight count and exponentially weighted averages of time to
 * first token, decode speed and error rate. Thread-safe; backends call {@link #started()} and then
 * exactly one of {@link #succeeded(Timings)} or {@link #failed()} per request.
 */
public final class LiveStats {

  /** Weight of the newest observation in the averages. */
  public static final double ALPHA = 0.2;

  private int inFlight;
  private long completed;
  private double ttft;
  private double tps;
  private double errorRate;
  private boolean seen;

  /** Creates empty figures. */
  public LiveStats() {}

  /** Records the start of a request. */
  public synchronized void started() {
    inFlight++;
  }

  /** Records a successful (or cancelled) request with its timings. */
  public synchronized void succeeded(Timings t) {
    inFlight--;
    completed++;
    errorRate = (1 - ALPHA) * errorRate;
    if (t.decodeTokensPerSecond() > 0) {
      if (!seen) {
        ttft = t.timeToFirstTokenMillis();
        tps = t.decodeTokensPerSecond();
        seen = true;
      } else {
        ttft = (1 - ALPHA) * ttft + ALPHA * t.timeToFirstTokenMillis();
        tps = (1 - ALPHA) * tps + ALPHA * t.decodeTokensPerSecond();
      }
    }
  }

  /** Records a failed request. */
  public synchronized void failed() {
    inFlight--;
    completed++;
    errorRate = (1 - ALPHA) * errorRate + ALPHA;
  }

  /** The figures now, with the given availability. */
  public synchronized BackendStats snapshot(BackendStats.Availability availability) {
    return new BackendStats(inFlight, completed, ttft, tps, errorRate, availability);
  }
}
