package dev.llmux.router.policy;

import java.util.List;
import java.util.Objects;

/**
 * What a policy is created with.
 *
 * @param backends the backends' names in the router's fixed order, cheapest first by convention
 *     (the cascade escalates in this order)
 * @param space the state encoding
 * @param settings tunables (learning rates, exploration)
 * @param seed seed of the policy's own random choices
 * @param truth the simulator's ground truth, or {@link GroundTruth#NONE} outside the simulator
 */
public record PolicyContext(
    List<String> backends, StateSpace space, RouterSettings settings, long seed, GroundTruth truth) {

  /** Copies the list and checks that it matches the state space. */
  public PolicyContext {
    backends = List.copyOf(backends);
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(truth, "truth (use GroundTruth.NONE outside the simulator)");
    if (backends.size() != space.backends()) {
      throw new IllegalArgumentException(
          backends.size() + " backends but a state space for " + space.backends());
    }
    if (backends.stream().distinct().count() != backends.size()) {
      throw new IllegalArgumentException("backend names must be distinct: " + backends);
    }
  }

  /** A context for real backends (no ground truth). */
  public static PolicyContext of(List<String> backends, RouterSettings settings, long seed) {
    return new PolicyContext(backends, new StateSpace(backends.size()), settings, seed, GroundTruth.NONE);
  }

  /** The index of the named backend, or -1. */
  public int indexOf(String backend) {
    return backends.indexOf(backend);
  }
}
