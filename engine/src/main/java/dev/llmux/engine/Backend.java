package dev.llmux.engine;

/**
 * A model that answers chat requests: a local GGUF model, an HTTP provider, or a router over
 * several of them.
 *
 * <p>Implementations are thread-safe: many threads may call {@link #chat} at once. A call blocks
 * the calling thread until the answer is complete, was cancelled (through the request's
 * {@link Cancellation} or by interrupting the calling thread) or failed.
 */
public interface Backend extends AutoCloseable {

  /** The name this backend is known by in the catalog, in routes and in reports. */
  String name();

  /**
   * Answers a request, delivering each piece of text to {@code listener} as it is produced.
   *
   * <p>Cancellation and the request's deadline do not throw: the response then carries the text
   * produced so far and {@link StopReason#CANCELLED} or {@link StopReason#DEADLINE}.
   *
   * @throws BackendException when the backend cannot answer (unavailable, failed, bad request)
   */
  ChatResponse chat(ChatRequest request, TokenListener listener);

  /** Answers a request without streaming. */
  default ChatResponse chat(ChatRequest request) {
    return chat(request, TokenListener.NONE);
  }

  /** Live figures the router reads: in-flight requests, latency averages, availability. */
  BackendStats stats();

  /** Releases what the backend holds. Calls after close fail with {@link BackendException}. */
  @Override
  default void close() {}
}
