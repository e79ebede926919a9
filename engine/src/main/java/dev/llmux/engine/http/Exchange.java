package dev.llmux.engine.http;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange whose response arrives as a queue of items (the status and headers, then each
 * line of the body, then the end or an error), so the calling thread can read it with its own
 * timeouts, wake up on cancellation, and deliver text on its own thread. {@link #abort()} cancels
 * the request and the body subscription, which closes the connection.
 */
final class Exchange {

  /** The status line and headers arrived. */
  record Head(int status, HttpHeaders headers) {}

  /** One line of the body, without its line break. */
  record Line(String text) {}

  /** The body ended normally. */
  record End() {}

  /** The exchange failed. */
  record Failed(Throwable error) {}

  /** Put in the queue to wake the reader (cancellation). */
  static final Object WAKE = new Object();

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean aborted;
  private volatile boolean bodyComplete;
  private CompletableFuture<HttpResponse<Void>> future;

  /** Sends the request; items start arriving in the queue. */
  void start(HttpClient client, HttpRequest request) {
    future = client.sendAsync(request, info -> {
      queue.add(new Head(info.statusCode(), info.headers()));
      return BodySubscribers.fromLineSubscriber(new Lines(), s -> null, StandardCharsets.UTF_8, null);
    });
    future.whenComplete((r, e) -> {
      if (e != null) {
        queue.add(new Failed(unwrap(e)));
      }
    });
  }

  /** The next item, waiting at most {@code nanos}; {@code null} when none came in time. */
  Object poll(long nanos) throws InterruptedException {
    return queue.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  /** Wakes a thread blocked in {@link #poll}. */
  void wake() {
    queue.add(WAKE);
  }

  /**
   * Stops the exchange: cancels the request and the body, closing the connection. Does nothing once
   * the body has ended normally: the connection is back in the client's pool then, possibly serving
   * another request, and cancelling the finished exchange would close it under that request.
   * Idempotent.
   */
  void abort() {
    if (bodyComplete) {
      return;
    }
    aborted = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    if (future != null) {
      future.cancel(true);
    }
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Receives the body's lines and queues them. */
  private final class Lines implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (aborted) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      queue.add(new Line(line));
    }

    @Override
    public void onError(Throwable t) {
      queue.add(new Failed(t));
    }

    @Override
    public void onComplete() {
      bodyComplete = true;
      queue.add(new End());
    }
  }
}
