package dev.llmux.engine.context;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.Message;
import dev.llmux.engine.Tokens;
import dev.llmux.engine.llama.LlamaBackend;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * A model's context as a compactor sees it: how many tokens one request may hold, and how a
 * conversation is counted. A local model counts with its own tokenizer and chat template; other
 * backends with the rough {@link Tokens#estimate} and an assumed context.
 *
 * @param model the model's name, for messages
 * @param tokens the context of one request (one slot), in tokens
 * @param counter the token count of a conversation as the model reads it
 */
public record ContextWindow(String model, int tokens, ToIntFunction<List<Message>> counter) {

  /** The context assumed for a backend that does not say (an HTTP provider, a router). */
  public static final int ASSUMED_TOKENS = 8192;

  /** Checks the values. */
  public ContextWindow {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(counter, "counter");
    if (tokens < 16) {
      throw new IllegalArgumentException("a context of " + tokens + " tokens is too small to compact into");
    }
  }

  /**
   * The window of {@code backend}: a local model's slot context and its exact count, else
   * {@link #ASSUMED_TOKENS} and the estimate.
   */
  public static ContextWindow of(Backend backend) {
    if (backend instanceof LlamaBackend lb) {
      int slot = lb.contextSize() / lb.spec().parallel();
      return new ContextWindow(lb.name(), slot,
          messages -> lb.countPromptTokens(lb.promptFor(ChatRequest.builder().messages(messages).build())));
    }
    return estimated(backend.name(), ASSUMED_TOKENS);
  }

  /** The smallest window among {@code backends} (a request routed among them must fit each), counted by the largest count. */
  public static ContextWindow smallest(String name, List<? extends Backend> backends) {
    if (backends.isEmpty()) {
      throw new IllegalArgumentException("no backends");
    }
    List<ContextWindow> windows = backends.stream().map(ContextWindow::of).toList();
    int min = windows.stream().mapToInt(ContextWindow::tokens).min().orElseThrow();
    return new ContextWindow(name, min, m -> windows.stream().mapToInt(w -> w.count(m)).max().orElseThrow());
  }

  /** A window of {@code tokens} counted with the estimate of four characters a token. */
  public static ContextWindow estimated(String model, int tokens) {
    return new ContextWindow(model, tokens, Tokens::estimate);
  }

  /** The token count of {@code messages} in this window. */
  public int count(List<Message> messages) {
    return counter.applyAsInt(messages);
  }
}
