package dev.llmux.engine;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An answer's text pieces as an iterator, for callers that pull rather than take a listener. Made
 * by {@link Backends#stream}. The request runs on its own daemon thread; {@link #close()} (or
 * leaving a try-with-resources block early) cancels it. Not thread-safe: one consumer.
 */
public final class TokenStream implements Iterator<String>, AutoCloseable {

  private static final Object END = new Object();

  private final BlockingQueue<Object> pieces = new LinkedBlockingQueue<>();
  private final Cancellation cancellation;
  private final CompletableFuture<ChatResponse> response = new CompletableFuture<>();
  private Object next;

  TokenStream(Backend backend, ChatRequest request) {
    this.cancellation = request.cancellation();
    Thread t = new Thread(() -> {
      try {
        response.complete(backend.chat(request, pieces::add));
      } catch (RuntimeException | Error e) {
        response.completeExceptionally(e);
      } finally {
        pieces.add(END);
      }
    }, "llmux-stream-" + backend.name());
    t.setDaemon(true);
    t.start();
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = pieces.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancellation.cancel();
        return false;
      }
    }
    if (next == END) {
      rethrowFailure();
      return false;
    }
    return true;
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    String piece = (String) next;
    next = null;
    return piece;
  }

  /** Waits for the end of the answer and returns the complete response (text, stop reason, usage, timings). */
  public ChatResponse response() {
    try {
      return response.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancellation.cancel();
      throw new BackendException("stream", "interrupted while waiting for the answer", true, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw (Error) e.getCause();
    }
  }

  private void rethrowFailure() {
    if (response.isCompletedExceptionally()) {
      response();
    }
  }

  /** Cancels the request if it is still running. */
  @Override
  public void close() {
    if (!response.isDone()) {
      cancellation.cancel();
    }
  }
}
