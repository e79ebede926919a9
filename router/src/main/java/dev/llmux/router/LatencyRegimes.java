package dev.llmux.router;

import dev.llmux.engine.BackendStats;
import dev.llmux.engine.LiveStats;
import dev.llmux.router.policy.RouterSettings;

/**
 * Tells, for each backend, whether it runs in its normal or its slow latency regime.
 *
 * <p>Backends report exponentially weighted averages (EWMA) of time to first token and decode
 * speed ({@link LiveStats}, weight {@value LiveStats#ALPHA}). From the change of those averages
 * between two looks this class recovers the figures of the answers in between, and keeps its own
 * EWMA of them (same weight) and a slower <em>baseline</em> per backend. A backend is slow when its
 * EWMA time to first token is above {@code slowRatio} times the baseline, or its EWMA speed below
 * the baseline divided by {@code slowRatio}. Only normal answers (each within {@code slowRatio} of
 * the baseline) move the baseline, so a long slow period does not become the new normal.
 *
 * <p>A slow backend gets few requests, so its figures go stale. A slow verdict without a fresh
 * answer for {@code probeAfterSeconds} expires: the backend counts as normal, the policy tries it,
 * and that one answer (the probe) restarts its EWMA, so a recovered backend is back at once. A
 * probe that finds the backend still slow doubles the wait before the next, up to {@code
 * maxProbeAfterSeconds}; a normal answer resets it. So a long slow period costs few probes, and
 * its end is noticed within the longest wait.
 *
 * <p>Not thread-safe; {@link PolicyRouter} calls it under its lock.
 */
final class LatencyRegimes {

  private static final double ALPHA = LiveStats.ALPHA;

  private final double slowRatio;
  private final double baselineAlpha;
  private final long probeAfterNanos;
  private final long maxProbeAfterNanos;
  private final long[] completed;
  private final double[] engineTtft;
  private final double[] engineTps;
  private final double[] ttft;
  private final double[] tps;
  private final double[] baseTtft;
  private final double[] baseTps;
  private final long[] lastSeen;
  private final long[] wait;
  private final boolean[] slow;
  private final boolean[] probed;

  /** Tracks {@code backends} backends with the given settings. */
  LatencyRegimes(int backends, RouterSettings.Regimes settings) {
    this.slowRatio = settings.slowRatio();
    this.baselineAlpha = settings.baselineAlpha();
    this.probeAfterNanos = (long) (settings.probeAfterSeconds() * 1e9);
    this.maxProbeAfterNanos = Math.max(probeAfterNanos, (long) (settings.maxProbeAfterSeconds() * 1e9));
    this.completed = new long[backends];
    this.engineTtft = new double[backends];
    this.engineTps = new double[backends];
    this.ttft = new double[backends];
    this.tps = new double[backends];
    this.baseTtft = new double[backends];
    this.baseTps = new double[backends];
    this.lastSeen = new long[backends];
    this.wait = new long[backends];
    this.slow = new boolean[backends];
    this.probed = new boolean[backends];
    java.util.Arrays.fill(wait, probeAfterNanos);
  }

  /** Takes in a backend's figures read at {@code nowNanos}; only new answers change anything. */
  void observe(int backend, BackendStats stats, long nowNanos) {
    long k = stats.completed() - completed[backend];
    if (k <= 0) {
      return;
    }
    completed[backend] = stats.completed();
    double eTtft = stats.ewmaTimeToFirstTokenMillis();
    double eTps = stats.ewmaTokensPerSecond();
    if (!(eTps > 0)) {
      return;
    }
    double xTtft = recover(engineTtft[backend], eTtft, k);
    double xTps = recover(engineTps[backend], eTps, k);
    boolean changed = eTtft != engineTtft[backend] || eTps != engineTps[backend];
    engineTtft[backend] = eTtft;
    engineTps[backend] = eTps;
    if (!changed) {
      return;
    }
    boolean probe = slow[backend] && nowNanos - lastSeen[backend] >= wait[backend];
    probed[backend] = probe;
    lastSeen[backend] = nowNanos;
    if (baseTps[backend] == 0) {
      baseTtft[backend] = ttft[backend] = xTtft;
      baseTps[backend] = tps[backend] = xTps;
      return;
    }
    if (probe) {
      ttft[backend] = xTtft;
      tps[backend] = xTps;
    } else {
      ttft[backend] += ALPHA * (xTtft - ttft[backend]);
      tps[backend] += ALPHA * (xTps - tps[backend]);
    }
    boolean normalAnswer = xTtft <= slowRatio * baseTtft[backend] && xTps >= baseTps[backend] / slowRatio;
    boolean slowNow = ttft[backend] > slowRatio * baseTtft[backend] || tps[backend] < baseTps[backend] / slowRatio;
    if (normalAnswer) {
      baseTtft[backend] += baselineAlpha * (xTtft - baseTtft[backend]);
      baseTps[backend] += baselineAlpha * (xTps - baseTps[backend]);
    }
    if (slowNow) {
      wait[backend] = probe ? Math.min(maxProbeAfterNanos, 2 * wait[backend]) : wait[backend];
    } else {
      wait[backend] = probeAfterNanos;
    }
    slow[backend] = slowNow;
  }

  /**
   * The mean of the {@code k} answers that moved an EWMA of weight {@link #ALPHA} from {@code
   * before} to {@code after} (exact for one answer); {@code after} itself when there was no
   * average before.
   */
  private static double recover(double before, double after, long k) {
    if (before <= 0) {
      return after;
    }
    double keep = Math.pow(1 - ALPHA, k);
    double x = (after - keep * before) / (1 - keep);
    return x > 0 ? x : after;
  }

  /** Whether {@code backend} counts as slow at {@code nowNanos}. */
  boolean slow(int backend, long nowNanos) {
    return slow[backend] && nowNanos - lastSeen[backend] < wait[backend];
  }

  /**
   * Whether the last answers taken in from {@code backend} were a probe: they came after its slow
   * verdict had expired, so the decision that led to them saw it as normal on stale evidence.
   */
  boolean probed(int backend) {
    return probed[backend];
  }

  /** The backend's baseline time to first token in milliseconds; 0 before its first answer. */
  double baselineTimeToFirstTokenMillis(int backend) {
    return baseTtft[backend];
  }

  /** The backend's baseline decode speed in tokens per second; 0 before its first answer. */
  double baselineTokensPerSecond(int backend) {
    return baseTps[backend];
  }

  /** How long a slow verdict on {@code backend} lasts now without a fresh answer, in seconds. */
  double probeAfterSeconds(int backend) {
    return wait[backend] / 1e9;
  }
}
