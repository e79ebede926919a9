package dev.llmux.router.policy;

/**
 * A policy whose learned state can be saved and restored, so that {@link PolicyFiles} can write it
 * to a policy file and read it back. Policies that learn nothing are not persistable: their file
 * holds an empty state.
 */
public interface Persistable {

  /** The learned state. */
  PolicyState save();

  /**
   * Replaces the learned state with one from {@link #save()}.
   *
   * @throws IllegalArgumentException when the state does not fit this policy (the message names the
   *     field, as in {@code "state.q must be an array of 864 entries"})
   */
  void restore(PolicyState state);
}
