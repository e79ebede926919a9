package dev.llmux.engine.context;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.TokenListener;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A backend whose requests are first made to fit its context by a {@link ContextCompactor}: the
 * summarizer middleware as a wrapper around any {@link Backend}. A raw prompt is passed on as it
 * is. A request that cannot fit even after compacting fails with an {@link
 * dev.llmux.engine.InvalidRequestException} before the backend is asked.
 *
 * <pre>{@code
 * Backend model = LlamaBackend.load(spec);
 * Backend kept = SummarizingBackend.wrap(model, ContextCompactor.builder(ContextWindow.of(model)).primary(model).build());
 * }</pre>
 *
 * <p>It does not own the wrapped backend or the compactor's summarizers: {@link #close()} leaves them open.
 */
public final class SummarizingBackend implements Backend {

  private final Backend inner;
  private final ContextCompactor compactor;
  private final Consumer<Compaction> onCompaction;

  private SummarizingBackend(Backend inner, ContextCompactor compactor, Consumer<Compaction> onCompaction) {
    this.inner = Objects.requireNonNull(inner, "backend");
    this.compactor = Objects.requireNonNull(compactor, "compactor");
    this.onCompaction = Objects.requireNonNull(onCompaction, "onCompaction");
  }

  /** {@code backend} with its requests compacted by {@code compactor}. */
  public static SummarizingBackend wrap(Backend backend, ContextCompactor compactor) {
    return new SummarizingBackend(backend, compactor, c -> { });
  }

  /** The same, telling {@code onCompaction} of every request it changed. */
  public static SummarizingBackend wrap(Backend backend, ContextCompactor compactor, Consumer<Compaction> onCompaction) {
    return new SummarizingBackend(backend, compactor, onCompaction);
  }

  /** The compactor. */
  public ContextCompactor compactor() {
    return compactor;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener listener) {
    if (request.rawPrompt() != null) {
      return inner.chat(request, listener);
    }
    Compaction c = compactor.fit(request.messages(), request.maxTokens());
    if (!c.compacted()) {
      return inner.chat(request, listener);
    }
    onCompaction.accept(c);
    return inner.chat(request.toBuilder().messages(c.messages()).build(), listener);
  }

  @Override
  public BackendStats stats() {
    return inner.stats();
  }
}
