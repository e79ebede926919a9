package dev.llmux.router.sim;

import dev.llmux.router.policy.RouteContext.Difficulty;

/**
 * One simulated episode: how the task went under the policy (one row of a {@link RunResult}).
 *
 * @param index its number in the run, from 0
 * @param difficulty the task's true difficulty
 * @param solved whether the tests passed within the attempts
 * @param reward the sum of its steps' rewards, failed calls included
 * @param latencySeconds from arrival to the end, failed calls included
 * @param cost money spent
 * @param attempts attempts made
 * @param backendFailures calls that failed and fell back
 * @param unavailable whether it ended because no backend could take it
 */
public record SimulatedEpisode(
    int index,
    Difficulty difficulty,
    boolean solved,
    double reward,
    double latencySeconds,
    double cost,
    int attempts,
    int backendFailures,
    boolean unavailable) {}
