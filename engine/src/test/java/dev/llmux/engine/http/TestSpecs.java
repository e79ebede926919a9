package dev.llmux.engine.http;

import dev.llmux.engine.testing.FakeProviderServer;
import java.time.Duration;

/** Specs for tests: short timeouts and backoff so faults show in tens of milliseconds. */
final class TestSpecs {

  static final String KEY = "sk-test-PLANTED-123";

  private TestSpecs() {}

  /** A spec for {@code server} with the test defaults; change it with the builder. */
  static HttpBackendSpec.Builder builder(String name, FakeProviderServer server, HttpPreset preset) {
    return HttpBackendSpec.builder(name, preset, "fake-model")
        .baseUrl(server.baseUrl())
        .apiKey(Secret.of(KEY, preset.keyVariable()))
        .timeouts(new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30)))
        .retry(RetrySettings.DEFAULTS.withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)))
        .circuit(CircuitSettings.DEFAULTS.withWindow(10, 10, 1.0));
  }

  static HttpBackend openai(FakeProviderServer server) {
    return HttpBackends.create(builder("cloud", server, HttpPreset.OPENAI).build());
  }

  static HttpBackend anthropic(FakeProviderServer server) {
    return HttpBackends.create(builder("claude", server, HttpPreset.ANTHROPIC).build());
  }
}
