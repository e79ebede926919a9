package dev.llmux.router.eval;

import dev.llmux.router.policy.Registry;
import dev.llmux.router.sim.RunResult;
import dev.llmux.router.sim.SimulatedEpisode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one policy did on the evaluation episodes.
 *
 * @param policy the policy's spec
 * @param kind learned, baseline or oracle
 * @param episodes evaluation episodes
 * @param successRate share of episodes solved
 * @param meanLatencySeconds mean episode time, from arrival to end
 * @param p95LatencySeconds 95th percentile of episode time
 * @param meanCost mean money spent per episode
 * @param meanReward mean episode reward (the sum of its steps' rewards)
 * @param meanAttempts mean attempts per episode
 * @param failuresPerEpisode mean backend failures per episode
 * @param backendShare share of answers given by each backend, in the scenario's order
 * @param regret the oracle's mean reward minus this one's; NaN without an oracle
 * @param gapRecovered RouteLLM's performance gap recovered: {@code (success - success of
 *     always-cheapest) / (success of always-strongest - success of always-cheapest)}; NaN when
 *     those baselines did not run or have no gap
 * @param learningCurve mean episode reward per window of training episodes; empty for policies
 *     that were not trained
 * @param curveWindow training episodes per point of the learning curve
 */
public record PolicyResult(
    String policy,
    Registry.Kind kind,
    int episodes,
    double successRate,
    double meanLatencySeconds,
    double p95LatencySeconds,
    double meanCost,
    double meanReward,
    double meanAttempts,
    double failuresPerEpisode,
    List<Double> backendShare,
    double regret,
    double gapRecovered,
    List<Double> learningCurve,
    int curveWindow) {

  /** Copies the lists. */
  public PolicyResult {
    backendShare = List.copyOf(backendShare);
    learningCurve = List.copyOf(learningCurve);
  }

  /** The figures of an evaluation run; regret and gap recovered are filled in later. */
  static PolicyResult of(String policy, Registry.Kind kind, RunResult run, List<Double> curve, int window) {
    List<SimulatedEpisode> eps = run.episodes();
    int n = eps.size();
    double solved = 0;
    double latency = 0;
    double cost = 0;
    double reward = 0;
    double attempts = 0;
    double failures = 0;
    double[] latencies = new double[n];
    for (int i = 0; i < n; i++) {
      SimulatedEpisode e = eps.get(i);
      solved += e.solved() ? 1 : 0;
      latency += e.latencySeconds();
      cost += e.cost();
      reward += e.reward();
      attempts += e.attempts();
      failures += e.backendFailures();
      latencies[i] = e.latencySeconds();
    }
    Arrays.sort(latencies);
    double p95 = n == 0 ? Double.NaN : latencies[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)];
    long answers = run.answersPerBackend().stream().mapToLong(Long::longValue).sum();
    List<Double> share = new ArrayList<>();
    for (long a : run.answersPerBackend()) {
      share.add(answers == 0 ? 0 : a / (double) answers);
    }
    return new PolicyResult(policy, kind, n, solved / n, latency / n, p95, cost / n, reward / n, attempts / n,
        failures / n, share, Double.NaN, Double.NaN, curve, window);
  }

  /** This result with its comparison to the oracle and the baselines. */
  PolicyResult compared(double regretToOracle, double recovered) {
    return new PolicyResult(policy, kind, episodes, successRate, meanLatencySeconds, p95LatencySeconds, meanCost,
        meanReward, meanAttempts, failuresPerEpisode, backendShare, regretToOracle, recovered, learningCurve, curveWindow);
  }
}
