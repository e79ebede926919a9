package dev.llmux.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Standard ways to use and combine {@link Backend}s. */
public final class Backends {

  private Backends() {}

  /**
   * Starts a request and returns its text pieces as an iterator; closing the stream cancels the
   * request. The full response is available from {@link TokenStream#response()}.
   */
  public static TokenStream stream(Backend backend, ChatRequest request) {
    return new TokenStream(backend, request);
  }

  /**
   * Starts a request on a daemon thread of its own and returns at once; see {@link #async(Backend,
   * ChatRequest, AnswerListener, Executor)}.
   */
  public static CompletableFuture<ChatResponse> async(Backend backend, ChatRequest request, AnswerListener listener) {
    return async(backend, request, listener, task -> {
      Thread t = new Thread(task, "llmux-async-" + backend.name());
      t.setDaemon(true);
      t.start();
    });
  }

  /**
   * Starts a request on {@code executor} and returns at once: the asynchronous form of {@link
   * Backend#chat}. {@code listener} hears each piece of text, then the response or the failure; the
   * future completes after the listener with the same outcome. Cancelling the future cancels the
   * request (the listener then still hears {@code onComplete} with {@link StopReason#CANCELLED}).
   */
  public static CompletableFuture<ChatResponse> async(Backend backend, ChatRequest request, AnswerListener listener,
      Executor executor) {
    CompletableFuture<ChatResponse> future = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        request.cancellation().cancel();
        return super.cancel(mayInterruptIfRunning);
      }
    };
    executor.execute(() -> {
      ChatResponse r;
      try {
        r = backend.chat(request, listener);
      } catch (RuntimeException | Error e) {
        try {
          listener.onError(e);
        } finally {
          future.completeExceptionally(e);
        }
        return;
      }
      try {
        listener.onComplete(r);
      } finally {
        future.complete(r);
      }
    });
    return future;
  }

  /**
   * A backend named {@code name} that tries {@code chain} in order: a failure before any text goes
   * to the next backend; a stream that breaks after some text continues on the next backend with
   * that text as the answer's prefix. See {@link FallbackBackend}.
   */
  public static Backend fallback(String name, List<? extends Backend> chain) {
    return FallbackBackend.of(name, chain);
  }
}
