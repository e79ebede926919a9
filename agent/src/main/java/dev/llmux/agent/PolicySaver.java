package dev.llmux.agent;

/** Saves the router's learned policy; called after each episode when online learning is on. */
@FunctionalInterface
public interface PolicySaver {

  /** Saves nothing. */
  PolicySaver NONE = () -> {};

  /** Saves the policy as it is now (to a temp file renamed into place). */
  void save();
}
