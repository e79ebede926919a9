package dev.llmux.engine;

import java.util.List;

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
   * A backend named {@code name} that tries {@code chain} in order: a failure before any text goes
   * to the next backend; a stream that breaks after some text continues on the next backend with
   * that text as the answer's prefix. See {@link FallbackBackend}.
   */
  public static Backend fallback(String name, List<? extends Backend> chain) {
    return FallbackBackend.of(name, chain);
  }
}
