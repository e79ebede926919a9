/**
 * The router: the {@link dev.llmux.router.Router} interface, {@link dev.llmux.router.PolicyRouter}
 * (which asks a {@link dev.llmux.router.policy.RoutingPolicy} and scores each outcome with its
 * reward), {@link dev.llmux.router.RoutedBackend} (a backend that routes among backends) and
 * {@link dev.llmux.router.BackendStatsSource}. The types a policy sees live in the policy API
 * package, {@link dev.llmux.router.policy}, which imports nothing from here.
 */
package dev.llmux.router;
