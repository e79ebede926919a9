/** Reinforcement-learning policies that bootstrap over multi-step episodes: {@code rl.TabularQ}. */
package dev.llmux.router.policy.rl;
