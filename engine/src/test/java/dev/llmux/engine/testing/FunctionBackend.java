package dev.llmux.engine.testing;

import dev.llmux.engine.Backend;
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
import java.util.function.Function;

/** A backend whose answer to each request is a function of it; it keeps every request it was asked. */
public final class FunctionBackend implements Backend {

  private final String name;
  private final Function<ChatRequest, ChatResponse> answer;
  /** The requests, in order. */
  public final List<ChatRequest> asked = new CopyOnWriteArrayList<>();

  /** A backend called {@code name} answering with {@code answer}. */
  public FunctionBackend(String name, Function<ChatRequest, ChatResponse> answer) {
    this.name = name;
    this.answer = answer;
  }

  /** A backend that always answers {@code text}, complete. */
  public static FunctionBackend says(String name, String text) {
    return new FunctionBackend(name, r -> text(name, text, StopReason.END));
  }

  /** A response of {@code text} from {@code name}, ended for {@code stop}. */
  public static ChatResponse text(String name, String text, StopReason stop) {
    return ChatResponse.of(text, stop, new Usage(1, 1), Timings.of(0, 0, 1, 1), name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener listener) {
    asked.add(request);
    return answer.apply(request);
  }

  @Override
  public BackendStats stats() {
    return new LiveStats().snapshot(BackendStats.Availability.AVAILABLE);
  }
}
