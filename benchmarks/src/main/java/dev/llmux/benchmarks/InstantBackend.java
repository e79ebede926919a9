package dev.llmux.benchmarks;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Timings;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Usage;

/**
 * A backend that answers at once with a prepared response: with it, a routed request's time is the
 * routing alone. Not a model; benchmarks only.
 */
final class InstantBackend implements Backend {

  private static final BackendStats STATS = new BackendStats(0, 1, 1, 1000, 0, BackendStats.Availability.AVAILABLE);

  private final String name;
  private final ChatResponse response;

  InstantBackend(String name, int tokens) {
    this.name = name;
    this.response = ChatResponse.of("x".repeat(tokens), StopReason.LENGTH, new Usage(16, tokens),
        new Timings(0.001, 1e6, 0.001), name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener listener) {
    listener.onText(response.text());
    return response;
  }

  @Override
  public BackendStats stats() {
    return STATS;
  }
}
