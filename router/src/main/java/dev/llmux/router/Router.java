package dev.llmux.router;

import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import java.util.List;

/**
 * Picks the backend for each request or agent step and learns from the outcome.
 *
 * <p>Both methods are thread-safe. Every decision returned by {@link #choose} should be answered
 * by exactly one {@link #feedback} call.
 */
public interface Router {

  /** The names of the backends this router chooses among, in a fixed order. */
  List<String> backends();

  /** Chooses a backend for the situation described by {@code context}. */
  RouteDecision choose(RouteContext context);

  /** Reports what happened after a decision, so the policy can learn. */
  void feedback(RouteDecision decision, Outcome outcome);
}
