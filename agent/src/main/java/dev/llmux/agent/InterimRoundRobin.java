package dev.llmux.agent;

import dev.llmux.router.RouteContext;
import dev.llmux.router.RouteDecision;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.Transition;
import java.util.List;

/**
 * The backends in turn, skipping those that are excluded or unavailable; learns nothing. Stands in
 * for the registry's {@code baseline.RoundRobin} until the registry names it.
 */
// TODO(router registry): delete once Registry.standard() names baseline.RoundRobin.
final class InterimRoundRobin implements RoutingPolicy {

  private final List<String> backends;
  private int next;
  private boolean frozen;

  InterimRoundRobin(List<String> backends) {
    this.backends = List.copyOf(backends);
  }

  @Override
  public String name() {
    return "baseline.RoundRobin";
  }

  @Override
  public RouteDecision choose(RouteContext context, int state, int available) {
    for (int k = 0; k < backends.size(); k++) {
      int action = (next + k) % backends.size();
      if (((available >>> action) & 1) != 0) {
        next = (action + 1) % backends.size();
        return new RouteDecision(backends.get(action), state, "round-robin", 1.0);
      }
    }
    throw new IllegalArgumentException("no backend is available: the mask is " + Integer.toBinaryString(available));
  }

  @Override
  public void feedback(Transition transition) {}

  @Override
  public void freeze() {
    frozen = true;
  }

  @Override
  public boolean frozen() {
    return frozen;
  }
}
