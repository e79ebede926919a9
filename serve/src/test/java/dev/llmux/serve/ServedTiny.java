package dev.llmux.serve;

import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import dev.llmux.engine.testing.TestModels;
import dev.llmux.router.RoutedBackend;

/**
 * The tiny synthetic model (real llama.cpp) served on a free loopback port as {@code tiny}, and
 * through the router as {@code auto}.
 */
final class ServedTiny implements AutoCloseable {

  final LlamaBackend model;
  final RoutedBackend routed;
  final LlmuxServer server;

  ServedTiny(int queueDepth, String apiKey) {
    model = LlamaBackend.load(LocalModelSpec.builder("tiny", TestModels.tiny()).threads(2).parallel(4).contextSize(4096)
        .build());
    routed = RoutedBackend.builder().name("auto").backend(model).policy("baseline.Always(tiny)").build();
    server = LlmuxServer.builder().port(0).model("tiny", model).model("auto", routed).queueDepth(queueDepth)
        .apiKey(apiKey).start();
  }

  @Override
  public void close() {
    server.close();
    model.close();
  }
}
