/**
 * Routing policies: the small {@link dev.llmux.router.policy.RoutingPolicy} interface, the
 * explicit {@link dev.llmux.router.policy.Registry} that names every policy, and policy files.
 * Policies sit in packages by family: {@code rl}, {@code bandit}, {@code baseline}, {@code oracle}.
 */
package dev.llmux.router.policy;
