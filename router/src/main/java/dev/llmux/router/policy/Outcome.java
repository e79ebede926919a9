package dev.llmux.router.policy;


/**
 * What a decision led to.
 *
 * @param success the step's success, from 0 (failed) to 1 (tests pass); partial values allowed
 * @param latencySeconds wall time of the step
 * @param cost money spent on the step (provider prices), 0 for local models
 * @param terminal whether the episode ended with this step
 * @param backendFailure the backend itself failed (outage, timeout, circuit open): the policy
 *     must not learn this as "the model is bad"
 * @param next the situation after this step, used to bootstrap multi-step learning; {@code null}
 *     when terminal
 */
public record Outcome(
    double success, double latencySeconds, double cost, boolean terminal, boolean backendFailure, RouteContext next) {}
