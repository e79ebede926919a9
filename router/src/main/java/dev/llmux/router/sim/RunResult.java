package dev.llmux.router.sim;

import java.util.List;

/**
 * The episodes of one run, in the order they arrived, and the answers each backend gave.
 *
 * @param episodes every episode
 * @param answersPerBackend answers (not failures) per backend, in the scenario's order
 * @param simulatedSeconds simulated time from the first arrival to the last answer
 */
public record RunResult(List<SimulatedEpisode> episodes, List<Long> answersPerBackend, double simulatedSeconds) {

  /** Copies the lists. */
  public RunResult {
    episodes = List.copyOf(episodes);
    answersPerBackend = List.copyOf(answersPerBackend);
  }
}
