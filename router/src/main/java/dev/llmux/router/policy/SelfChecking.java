package dev.llmux.router.policy;

/** A policy that can check its own invariants (counts add up, values finite) after a run. */
public interface SelfChecking {

  /**
   * Checks the invariants.
   *
   * @throws IllegalStateException when one is broken
   */
  void check();
}
