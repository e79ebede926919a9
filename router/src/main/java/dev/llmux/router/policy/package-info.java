/**
 * The policy API: the small {@link dev.llmux.router.policy.RoutingPolicy} interface and every type
 * a policy sees (the request's {@link dev.llmux.router.policy.RouteContext}, the {@link
 * dev.llmux.router.policy.RouteDecision}, the {@link dev.llmux.router.policy.Outcome} and the
 * {@link dev.llmux.router.policy.Transition} it learns from, the {@link
 * dev.llmux.router.policy.StateSpace}, the {@link dev.llmux.router.policy.Reward} and the {@link
 * dev.llmux.router.policy.RouterSettings}), the explicit {@link dev.llmux.router.policy.Registry}
 * that names every policy, and policy files. Policies sit in packages by family: {@code rl},
 * {@code bandit}, {@code baseline}, {@code oracle}. Nothing here imports from the rest of the
 * router: the router, the simulator and the evaluation build on this package, not the other way.
 */
package dev.llmux.router.policy;
