package dev.llmux.router.policy;

import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;

/**
 * What the simulator knows about its world right now: the true model of every backend. Only the
 * {@code oracle} policy reads it; it is the oracle's advantage over every learned policy. It tells
 * probabilities and expectations, never the random draws themselves.
 */
public interface GroundTruth {

  /** No ground truth: routing real backends. Every method throws {@link IllegalStateException}. */
  GroundTruth NONE = new GroundTruth() {
    private IllegalStateException none() {
      return new IllegalStateException("no ground truth: the oracle runs only inside the simulator");
    }

    @Override public int maxAttempts() { throw none(); }
    @Override public double passProbability(int b, Difficulty d, int attempt, LastOutcome last) { throw none(); }
    @Override public double partialShare() { throw none(); }
    @Override public double difficultyShare(Difficulty d) { throw none(); }
    @Override public double expectedLatencySeconds(int b, int promptTokens) { throw none(); }
    @Override public double expectedCost(int b, int promptTokens) { throw none(); }
    @Override public double failureProbability(int b) { throw none(); }
    @Override public double failureSeconds(int b) { throw none(); }
    @Override public int nextPromptTokens(int promptTokens) { throw none(); }
    @Override public Reward reward() { throw none(); }
  };

  /** Attempts per episode before it ends unsolved. */
  int maxAttempts();

  /** Probability that backend {@code b} passes the tests at this attempt of a task. */
  double passProbability(int b, Difficulty d, int attempt, LastOutcome last);

  /** Share of failed attempts that pass some of the tests. */
  double partialShare();

  /** Share of tasks with difficulty {@code d} (for contexts whose difficulty is unknown). */
  double difficultyShare(Difficulty d);

  /** Expected latency of an answer from {@code b} now, in seconds, load and slow periods included. */
  double expectedLatencySeconds(int b, int promptTokens);

  /** Expected cost of an answer from {@code b}. */
  double expectedCost(int b, int promptTokens);

  /** Probability that a call to {@code b} now fails (1 during an outage). */
  double failureProbability(int b);

  /** Seconds a failed call to {@code b} wastes. */
  double failureSeconds(int b);

  /** The prompt size of the next attempt after one of {@code promptTokens}. */
  int nextPromptTokens(int promptTokens);

  /** The reward the simulation scores with. */
  Reward reward();
}
