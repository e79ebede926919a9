/**
 * HTTP backends: models behind an OpenAI-compatible chat completions API or Anthropic's Messages
 * API, reached with the JDK's {@link java.net.http.HttpClient} and Jackson.
 *
 * <p>A backend is described by an {@link dev.llmux.engine.http.HttpBackendSpec} (usually a
 * {@link dev.llmux.engine.http.HttpPreset}, a model and an API key) and made by
 * {@link dev.llmux.engine.http.HttpBackends#create}. It implements the same
 * {@link dev.llmux.engine.Backend} API as local models and survives real-world faults: timeouts
 * (connect, first token, idle gap, total), retries with exponential backoff and full jitter that
 * honour {@code Retry-After} and {@code x-should-retry}, a shared retry limiter and a circuit
 * breaker per backend whose state the router reads as availability. API keys travel as
 * {@link dev.llmux.engine.http.Secret}s and never appear in logs, exceptions or output.
 *
 * <p>{@link dev.llmux.engine.http.ProviderCheck} tests a configured provider step by step (the
 * {@code llmux providers test} command). See {@code docs/http-backends.md}.
 */
package dev.llmux.engine.http;
