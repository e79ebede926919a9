package dev.llmux.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and settings of the agent loop. Made with {@link #builder()}.
 *
 * @param maxSteps the most steps (executed or failed tool calls) per episode (default 12)
 * @param timeLimit the longest an episode may take (default 10 minutes)
 * @param maxReasks how often an invalid answer is answered with a corrective message before the
 *     step is given up (default 3)
 * @param stuckRepeats how many times in a row the same action with the same observation ends the
 *     episode as stuck (default 3)
 * @param maxBackendFailures backend errors tolerated within one step before the episode ends
 *     (default 3)
 * @param maxTokens the token limit of each model answer (default 2048)
 * @param temperature sampling temperature of each answer (default 0.2)
 * @param seed the base seed; each call uses a seed derived from it, the step and the attempt
 *     (default 42)
 * @param historySteps how many recent steps are shown to the model in full (default 8)
 * @param observationChars the most characters of one observation shown to the model (default 4000)
 * @param learn online learning: save the router's policy after each episode (default false)
 */
public record AgentConfig(
    int maxSteps,
    Duration timeLimit,
    int maxReasks,
    int stuckRepeats,
    int maxBackendFailures,
    int maxTokens,
    double temperature,
    long seed,
    int historySteps,
    int observationChars,
    boolean learn) {

  /** The defaults documented on the record. */
  public static final AgentConfig DEFAULT = builder().build();

  /** Checks the values. */
  public AgentConfig {
    Objects.requireNonNull(timeLimit, "timeLimit");
    if (maxSteps < 1 || maxReasks < 0 || stuckRepeats < 2 || maxBackendFailures < 0 || maxTokens < 1 || historySteps < 1
        || observationChars < 100 || timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("invalid agent config: " + this);
    }
  }

  /** A builder with the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with this config. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxSteps = maxSteps;
    b.timeLimit = timeLimit;
    b.maxReasks = maxReasks;
    b.stuckRepeats = stuckRepeats;
    b.maxBackendFailures = maxBackendFailures;
    b.maxTokens = maxTokens;
    b.temperature = temperature;
    b.seed = seed;
    b.historySteps = historySteps;
    b.observationChars = observationChars;
    b.learn = learn;
    return b;
  }

  /** Builds an {@link AgentConfig}; every setter returns the builder. */
  public static final class Builder {
    private int maxSteps = 12;
    private Duration timeLimit = Duration.ofMinutes(10);
    private int maxReasks = 3;
    private int stuckRepeats = 3;
    private int maxBackendFailures = 3;
    private int maxTokens = 2048;
    private double temperature = 0.2;
    private long seed = 42;
    private int historySteps = 8;
    private int observationChars = 4000;
    private boolean learn;

    private Builder() {}

    /** Sets the step limit. */
    public Builder maxSteps(int n) {
      this.maxSteps = n;
      return this;
    }

    /** Sets the time limit of an episode. */
    public Builder timeLimit(Duration d) {
      this.timeLimit = d;
      return this;
    }

    /** Sets how many re-asks follow an invalid answer. */
    public Builder maxReasks(int n) {
      this.maxReasks = n;
      return this;
    }

    /** Sets the repeats that count as stuck. */
    public Builder stuckRepeats(int n) {
      this.stuckRepeats = n;
      return this;
    }

    /** Sets the backend failures tolerated per step. */
    public Builder maxBackendFailures(int n) {
      this.maxBackendFailures = n;
      return this;
    }

    /** Sets the token limit per answer. */
    public Builder maxTokens(int n) {
      this.maxTokens = n;
      return this;
    }

    /** Sets the temperature. */
    public Builder temperature(double t) {
      this.temperature = t;
      return this;
    }

    /** Sets the base seed. */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Sets how many recent steps are shown in full. */
    public Builder historySteps(int n) {
      this.historySteps = n;
      return this;
    }

    /** Sets the cap on one observation. */
    public Builder observationChars(int n) {
      this.observationChars = n;
      return this;
    }

    /** Turns online learning on or off. */
    public Builder learn(boolean on) {
      this.learn = on;
      return this;
    }

    /** Builds the config. */
    public AgentConfig build() {
      return new AgentConfig(maxSteps, timeLimit, maxReasks, stuckRepeats, maxBackendFailures, maxTokens, temperature, seed,
          historySteps, observationChars, learn);
    }
  }
}
