/**
 * The llmux router module: the Router API, the routing policies, the simulator and the
 * evaluation of policies.
 */
module dev.llmux.router {
  requires transitive dev.llmux.engine;
  requires com.fasterxml.jackson.databind;
  requires transitive java.desktop; // Charts draws PNG images (java.awt, javax.imageio) and returns them.
  requires org.slf4j;
  requires com.microsoft.onnxruntime; // router.text: the sentence encoder, loaded lazily
  requires ai.djl.tokenizers;

  exports dev.llmux.router;
  exports dev.llmux.router.eval;
  exports dev.llmux.router.policy;
  exports dev.llmux.router.policy.bandit;
  exports dev.llmux.router.policy.contextual;
  exports dev.llmux.router.policy.baseline;
  exports dev.llmux.router.policy.oracle;
  exports dev.llmux.router.policy.rl;
  exports dev.llmux.router.sim;
  exports dev.llmux.router.text;
}
