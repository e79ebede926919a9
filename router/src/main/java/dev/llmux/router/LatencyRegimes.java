package dev.llmux.router;

import dev.llmux.engine.BackendStats;

/**
 * Tells, for each backend, whether it runs in its normal or its slow latency regime.
 *
 * <p>Each backend reports exponentially weighted averages (EWMA) of its time to first token and
 * of its decode speed. This class keeps a slower-moving <em>baseline</em> of both per backend and
 * calls a backend slow when its EWMA time to first token exceeds {@code slowRatio} times the
 * baseline, or its EWMA speed falls below the baseline divided by {@code slowRatio}. Only normal
 * observations move the baseline, so a long slow period does not become the new normal. A slow
 * verdict with no fresh answer for {@code probeAfterSeconds} expires: the router then sees the
 * backend as normal again and tries it, instead of avoiding it forever on old evidence.
 *
 * <p>Not thread-safe; {@link PolicyRouter} calls it under its lock.
 */
public final class LatencyRegimes {

  private final double slowRatio;
  private final double baselineAlpha;
  private final long probeAfterNanos;
  private final long[] completed;
  private final long[] lastSeen;
  private final double[] baseTtft;
  private final double[] baseTps;
  private final boolean[] slow;

  /** Tracks {@code backends} backends with the given settings. */
  public LatencyRegimes(int backends, RouterSettings.Regimes settings) {
    this.slowRatio = settings.slowRatio();
    this.baselineAlpha = settings.baselineAlpha();
    this.probeAfterNanos = (long) (settings.probeAfterSeconds() * 1e9);
    this.completed = new long[backends];
    this.lastSeen = new long[backends];
    this.baseTtft = new double[backends];
    this.baseTps = new double[backends];
    this.slow = new boolean[backends];
  }

  /** Takes in a backend's figures read at {@code nowNanos}; only a new answer changes anything. */
  public void observe(int backend, BackendStats stats, long nowNanos) {
    if (stats.completed() == completed[backend]) {
      return;
    }
    completed[backend] = stats.completed();
    double ttft = stats.ewmaTimeToFirstTokenMillis();
    double tps = stats.ewmaTokensPerSecond();
    if (!(tps > 0)) {
      return;
    }
    lastSeen[backend] = nowNanos;
    if (baseTps[backend] == 0) {
      baseTtft[backend] = ttft;
      baseTps[backend] = tps;
      slow[backend] = false;
      return;
    }
    boolean slowNow = ttft > slowRatio * baseTtft[backend] || tps < baseTps[backend] / slowRatio;
    if (!slowNow) {
      baseTtft[backend] += baselineAlpha * (ttft - baseTtft[backend]);
      baseTps[backend] += baselineAlpha * (tps - baseTps[backend]);
    }
    slow[backend] = slowNow;
  }

  /** Whether {@code backend} counts as slow at {@code nowNanos}. */
  public boolean slow(int backend, long nowNanos) {
    return slow[backend] && nowNanos - lastSeen[backend] < probeAfterNanos;
  }

  /** The backend's baseline time to first token in milliseconds; 0 before its first answer. */
  public double baselineTimeToFirstTokenMillis(int backend) {
    return baseTtft[backend];
  }

  /** The backend's baseline decode speed in tokens per second; 0 before its first answer. */
  public double baselineTokensPerSecond(int backend) {
    return baseTps[backend];
  }
}
