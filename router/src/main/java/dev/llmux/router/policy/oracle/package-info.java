/**
 * The {@code oracle}: the optimal policy for the simulator's true model, the yardstick that
 * regret is measured against. It runs only inside the simulator.
 */
package dev.llmux.router.policy.oracle;
