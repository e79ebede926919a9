/**
 * The llmux serve module: an OpenAI-compatible HTTP server over llmux backends (catalog models,
 * roles, routed sets), with Prometheus metrics.
 */
module dev.llmux.serve {
  requires transitive dev.llmux.engine;
  requires transitive dev.llmux.router;
  requires org.eclipse.jetty.server;
  requires io.prometheus.metrics.core;
  requires io.prometheus.metrics.model;
  requires io.prometheus.writer.text;
  requires org.slf4j;

  exports dev.llmux.serve;
}
