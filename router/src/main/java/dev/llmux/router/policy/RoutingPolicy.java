package dev.llmux.router.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A way of choosing a backend for a state, and of learning from what followed.
 *
 * <p>Policies are not thread-safe: the router ({@code PolicyRouter}) serialises every call to
 * its policy, and the simulator drives a policy from one thread. A policy is created by the
 * {@link Registry} from a {@link PolicyContext}.
 */
public interface RoutingPolicy {

  /** The policy's name in the registry, with its argument if any ({@code "baseline.Always(strong)"}). */
  String name();

  /**
   * Chooses a backend.
   *
   * @param context the request's features
   * @param state the encoded state (see {@link dev.llmux.router.policy.StateSpace})
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

  /**
   * The policy's estimate of what {@code action} is worth in {@code state} (a Q-value or a mean
   * reward), or {@code NaN} when the policy keeps no such estimate.
   */
  default double value(int state, int action) {
    return Double.NaN;
  }

  /**
   * How many steps taught the policy about {@code action} in {@code state}, or -1 when the policy
   * does not count them. 0 means the value is only the initial guess.
   */
  default long experience(int state, int action) {
    return -1;
  }

  /** The learned state as JSON, for policy files; empty for policies that learn nothing. */
  default ObjectNode save() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Replaces the learned state with one from {@link #save()}.
   *
   * @throws IllegalArgumentException when the JSON does not fit this policy (the message says why)
   */
  default void restore(JsonNode state) {}

  /**
   * Checks the policy's invariants after a run (counts add up, values finite).
   *
   * @throws IllegalStateException when one is broken
   */
  default void finished() {}
}
