/**
 * Contextual bandits, one bandit per state: {@code bandit.Ucb1} and {@code bandit.Thompson}. They
 * learn each step's immediate reward and do not look ahead to later attempts.
 */
package dev.llmux.router.policy.bandit;
