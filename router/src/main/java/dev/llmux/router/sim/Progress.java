package dev.llmux.router.sim;

/** Hears how far a run has come, for progress bars. */
@FunctionalInterface
public interface Progress {

  /** Ignores progress. */
  Progress NONE = (done, total) -> {};

  /** {@code done} of {@code total} episodes are finished. Called at most about 200 times a run. */
  void update(long done, long total);
}
