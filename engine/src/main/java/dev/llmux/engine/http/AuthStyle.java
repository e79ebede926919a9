package dev.llmux.engine.http;

/** How a provider expects the API key. */
enum AuthStyle {
  /** {@code Authorization: Bearer <key>} (OpenAI and every compatible server). */
  BEARER,
  /** {@code x-api-key: <key>} plus {@code anthropic-version} (Anthropic). */
  X_API_KEY
}
