package dev.llmux.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The server's Prometheus metrics (names {@code llmux_<what>_<unit>}, counters ending in
 * {@code _total}), kept with the Prometheus Java client and written in its text format.
 */
final class ServeMetrics {

  private static final double[] SECONDS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  final Counter requests = Counter.builder().name("llmux_requests_total")
      .help("Chat-completion requests by requested model and HTTP status").labelNames("model", "status").register(registry);
  final Counter promptTokens = Counter.builder().name("llmux_prompt_tokens_total")
      .help("Prompt tokens read, by model").labelNames("model").register(registry);
  final Counter completionTokens = Counter.builder().name("llmux_completion_tokens_total")
      .help("Completion tokens produced, by model").labelNames("model").register(registry);
  final Histogram timeToFirstToken = Histogram.builder().name("llmux_time_to_first_token_seconds")
      .help("Time from a request's arrival to its first token").classicOnly().classicUpperBounds(SECONDS)
      .labelNames("model").register(registry);
  final Histogram duration = Histogram.builder().name("llmux_request_duration_seconds")
      .help("Time from a request's arrival to its last byte").classicOnly().classicUpperBounds(SECONDS)
      .labelNames("model").register(registry);
  final Gauge queued = Gauge.builder().name("llmux_queue_depth")
      .help("Requests admitted to a backend and waiting for it to start").labelNames("backend").register(registry);
  final Gauge inFlight = Gauge.builder().name("llmux_in_flight_requests")
      .help("Requests a backend is answering now").labelNames("backend").register(registry);
  final Counter routerDecisions = Counter.builder().name("llmux_router_decisions_total")
      .help("Backends chosen by the router for routed models").labelNames("model", "backend").register(registry);

  /** The metrics in Prometheus text format. */
  String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The content type of {@link #scrape()}. */
  String contentType() {
    return writer.getContentType();
  }
}
