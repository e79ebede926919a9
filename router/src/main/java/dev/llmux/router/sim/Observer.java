package dev.llmux.router.sim;

import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;

/** Hears every decision of a run, for tests and traces. */
@FunctionalInterface
public interface Observer {

  /** Hears nothing. */
  Observer NONE = (time, episode, context, decision) -> {};

  /** The router made {@code decision} for episode {@code episode} at simulated {@code time}. */
  void decided(double time, int episode, RouteContext context, RouteDecision decision);
}
