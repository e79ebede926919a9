package dev.llmux.agent;

/** Receives each model call of an episode as it completes, and the episode's end. */
public interface StepListener {

  /** A listener that ignores everything. */
  StepListener NONE = new StepListener() {};

  /** Called after each model call, on the agent's thread. */
  default void onStep(StepRecord step) {}

  /** Called once when the episode ends. */
  default void onEpisode(EpisodeResult result) {}

  /** A listener that calls {@code this} and then {@code other}. */
  default StepListener andThen(StepListener other) {
    StepListener self = this;
    return new StepListener() {
      @Override
      public void onStep(StepRecord step) {
        self.onStep(step);
        other.onStep(step);
      }

      @Override
      public void onEpisode(EpisodeResult result) {
        self.onEpisode(result);
        other.onEpisode(result);
      }
    };
  }
}
