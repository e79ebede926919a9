package dev.llmux.engine.http;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.testing.FakeProviderServer;

/**
 * What a caller saw from one request against a faulty server: the response or the exception, the
 * text its listener received, how many attempts reached the server and how long it took.
 */
record FaultRun(ChatResponse response, RuntimeException error, String streamed, int attempts, long millis) {

  /** Runs {@code request} on {@code backend}, counting the attempts that reached {@code server}. */
  static FaultRun of(Backend backend, FakeProviderServer server, ChatRequest request) {
    int before = server.chatRequests();
    StringBuilder streamed = new StringBuilder();
    long t0 = System.nanoTime();
    ChatResponse r = null;
    RuntimeException err = null;
    try {
      r = backend.chat(request, streamed::append);
    } catch (RuntimeException e) {
      err = e;
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new FaultRun(r, err, streamed.toString(), server.chatRequests() - before, ms);
  }

  /** The response; fails the test with the error when there was one. */
  ChatResponse ok() {
    if (error != null) {
      throw new AssertionError("expected an answer, got " + error, error);
    }
    return response;
  }

  /** The error, cast; fails the test when there was an answer or another kind of error. */
  <T extends RuntimeException> T failed(Class<T> type) {
    if (error == null) {
      throw new AssertionError("expected " + type.getSimpleName() + ", got the answer '" + response.text() + "'");
    }
    if (!type.isInstance(error)) {
      throw new AssertionError("expected " + type.getSimpleName() + ", got " + error, error);
    }
    return type.cast(error);
  }

  /** One line for the fault table in the test output: what the caller saw. */
  String describe(String fault) {
    String saw = error != null
        ? error.getClass().getSimpleName() + ": " + error.getMessage()
        : "answer '" + response.text() + "' (" + response.stopReason() + ")";
    return String.format("FAULT | %s | %s | attempts=%d | %d ms", fault, saw, attempts, millis);
  }
}
