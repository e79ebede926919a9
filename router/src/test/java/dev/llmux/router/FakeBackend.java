package dev.llmux.router;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.LiveStats;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Timings;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Usage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A backend for tests: answers a fixed text word by word, or fails after streaming some of it. */
final class FakeBackend implements Backend {

  private final String name;
  private final String text;
  private final LiveStats stats = new LiveStats();
  final AtomicInteger calls = new AtomicInteger();
  final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  volatile BackendStats.Availability availability = BackendStats.Availability.AVAILABLE;
  volatile BackendException failure;
  volatile RuntimeException bug;
  volatile String streamBeforeFailure = "";
  volatile StopReason stopReason = StopReason.END;

  FakeBackend(String name, String text) {
    this.name = name;
    this.text = text;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener listener) {
    calls.incrementAndGet();
    requests.add(request);
    stats.started();
    long start = System.nanoTime();
    if (failure != null || bug != null) {
      if (!streamBeforeFailure.isEmpty()) {
        listener.onText(streamBeforeFailure);
      }
      stats.failed();
      if (bug != null) {
        throw bug;
      }
      throw failure;
    }
    long first = 0;
    for (String word : text.split("(?<= )")) {
      listener.onText(word);
      if (first == 0) {
        first = System.nanoTime();
      }
    }
    int tokens = text.split(" ").length;
    Timings timings = Timings.of(start, first, System.nanoTime(), tokens);
    stats.succeeded(timings);
    return ChatResponse.of(text, stopReason, new Usage(1000, tokens), timings, name);
  }

  @Override
  public BackendStats stats() {
    return stats.snapshot(availability);
  }
}
