/**
 * The OpenAI-compatible HTTP server: {@link dev.llmux.serve.LlmuxServer} lists every route;
 * requests become llmux {@code ChatRequest}s on the named backend, answers go back as OpenAI's
 * chat-completion JSON or its server-sent events.
 */
package dev.llmux.serve;
