package dev.llmux.router.policy;


/**
 * A routing decision: which backend, in which state, why, and with what probability the policy
 * picked it (for off-policy evaluation of logged decisions).
 *
 * @param backend the chosen backend's name
 * @param state the policy's encoded state (an index for tabular policies)
 * @param reason a short human-readable reason ("explore", "greedy q=0.82", ...)
 * @param probability the probability with which the policy chose this backend, in (0, 1]
 */
public record RouteDecision(String backend, int state, String reason, double probability) {}
