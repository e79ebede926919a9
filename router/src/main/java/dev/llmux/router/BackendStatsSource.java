package dev.llmux.router;

import dev.llmux.engine.BackendStats;

/**
 * Where a router reads each backend's live figures: {@code Backend.stats()} for real backends, the
 * simulated fleet in the simulator.
 */
@FunctionalInterface
public interface BackendStatsSource {

  /** The live figures of the backend at {@code index} in the router's backend list. */
  BackendStats stats(int index);

  /** A source where every backend is available and nothing was measured yet. */
  static BackendStatsSource idle() {
    BackendStats idle = new BackendStats(0, 0, 0, 0, 0, BackendStats.Availability.AVAILABLE);
    return index -> idle;
  }
}
