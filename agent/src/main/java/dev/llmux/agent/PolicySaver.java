package dev.llmux.agent;

import dev.llmux.router.PolicyRouter;

/** Saves the router's learned policy; called after each episode when online learning is on. */
@FunctionalInterface
public interface PolicySaver {

  /** Saves nothing. */
  PolicySaver NONE = router -> {};

  /** Saves the policy of {@code router} as it is now (to a temp file renamed into place). */
  void save(PolicyRouter router);
}
