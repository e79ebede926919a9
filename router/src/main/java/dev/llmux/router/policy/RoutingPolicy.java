package dev.llmux.router.policy;

/**
 * A way of choosing a backend for a state, and of learning from what followed.
 *
 * <p>Policies are not thread-safe: the router ({@code PolicyRouter}) serialises every call to its
 * policy, and the simulator drives a policy from one thread. A policy is created by the {@link
 * Registry} from a {@link PolicyContext}. What a policy can do beyond routing is told by the other
 * interfaces it implements: {@link Persistable} (policy files), {@link Inspectable} (what it has
 * learned, for {@code llmux router show}) and {@link SelfChecking} (its invariants, after a run).
 */
public interface RoutingPolicy {

  /** The policy's name in the registry, with its argument if any ({@code "baseline.Always(strong)"}). */
  String name();

  /**
   * Chooses a backend.
   *
   * @param context the request's features
   * @param state the encoded state (see {@link StateSpace})
   * @param available bit mask of the backends that may be chosen; never 0
   * @return the decision, naming a backend whose bit is set in {@code available}
   */
  RouteDecision choose(RouteContext context, int state, int available);

  /** Learns from one step; a frozen policy, and any policy on a backend failure, learns nothing. */
  void feedback(Transition transition);

  /** Stops exploring and learning: from now on the policy makes its greedy choice. */
  void freeze();

  /** Whether {@link #freeze()} was called. */
  boolean frozen();
}
