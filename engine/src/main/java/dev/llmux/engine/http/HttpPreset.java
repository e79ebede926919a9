package dev.llmux.engine.http;

import dev.llmux.engine.ConfigException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Known providers by name: base URL, wire format, how the key is sent and whether one is needed,
 * so a config needs only the preset, the model and {@code ${API_KEY_VAR}}.
 */
public enum HttpPreset {
  /** OpenAI's API. */
  OPENAI("openai", "https://api.openai.com/v1", WireFormat.OPENAI_CHAT, AuthStyle.BEARER, "OPENAI_API_KEY",
      Continuation.NUDGE, false, false, true),
  /** OpenRouter, one key for many providers' models. */
  OPENROUTER("openrouter", "https://openrouter.ai/api/v1", WireFormat.OPENAI_CHAT, AuthStyle.BEARER,
      "OPENROUTER_API_KEY", Continuation.PREFILL, true, false, false),
  /** Anthropic's Messages API. */
  ANTHROPIC("anthropic", "https://api.anthropic.com/v1", WireFormat.ANTHROPIC_MESSAGES, AuthStyle.X_API_KEY,
      "ANTHROPIC_API_KEY", Continuation.PREFILL, false, false, false),
  /** Ollama's OpenAI-compatible endpoint on this machine. */
  OLLAMA("ollama", "http://127.0.0.1:11434/v1", WireFormat.OPENAI_CHAT, AuthStyle.BEARER, null,
      Continuation.PREFILL, false, false, false),
  /** LM Studio's local server. */
  LMSTUDIO("lmstudio", "http://127.0.0.1:1234/v1", WireFormat.OPENAI_CHAT, AuthStyle.BEARER, null,
      Continuation.NUDGE, true, false, false),
  /** llama.cpp's {@code llama-server}. */
  LLAMA_SERVER("llama-server", "http://127.0.0.1:8080/v1", WireFormat.OPENAI_CHAT, AuthStyle.BEARER, null,
      Continuation.PREFILL, true, true, false),
  /** vLLM's OpenAI-compatible server. */
  VLLM("vllm", "http://127.0.0.1:8000/v1", WireFormat.OPENAI_CHAT, AuthStyle.BEARER, null,
      Continuation.VLLM_FLAGS, true, true, false);

  /** How a backend is asked to continue a trailing assistant message (fallback continuation). */
  public enum Continuation {
    /** The server continues a trailing assistant message by itself (prefill). */
    PREFILL,
    /** The server continues it when asked with {@code continue_final_message} (vLLM). */
    VLLM_FLAGS,
    /** The server would start a new turn: a user message asks it to continue without repeating. */
    NUDGE
  }

  private final String configName;
  private final URI baseUrl;
  private final WireFormat wireFormat;
  private final AuthStyle authStyle;
  private final String keyVariable;
  private final Continuation continuation;
  private final boolean topK;
  private final boolean ignoreEos;
  private final boolean maxCompletionTokens;

  HttpPreset(String configName, String baseUrl, WireFormat wireFormat, AuthStyle authStyle, String keyVariable,
      Continuation continuation, boolean topK, boolean ignoreEos, boolean maxCompletionTokens) {
    this.configName = configName;
    this.baseUrl = URI.create(baseUrl);
    this.wireFormat = wireFormat;
    this.authStyle = authStyle;
    this.keyVariable = keyVariable;
    this.continuation = continuation;
    this.topK = topK;
    this.ignoreEos = ignoreEos;
    this.maxCompletionTokens = maxCompletionTokens;
  }

  /** The name used in configs and on the command line ({@code openai}, {@code llama-server}, ...). */
  public String configName() {
    return configName;
  }

  /** The default base URL; a spec may override it (a fleet member, a proxy). */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The API this provider speaks. */
  public WireFormat wireFormat() {
    return wireFormat;
  }

  /** How the API key is sent. */
  AuthStyle authStyle() {
    return authStyle;
  }

  /** Whether the provider refuses requests without an API key. */
  public boolean keyRequired() {
    return keyVariable != null;
  }

  /**
   * The environment variable the key conventionally comes from ({@code OPENAI_API_KEY}), or the
   * empty string for local servers that need no key.
   */
  public String keyVariable() {
    return keyVariable == null ? "" : keyVariable;
  }

  /** How this provider is asked to continue a partial answer. */
  public Continuation continuation() {
    return continuation;
  }

  /** Whether the request may carry {@code top_k} (the provider accepts it). */
  boolean sendsTopK() {
    return topK;
  }

  /** Whether the request may carry {@code ignore_eos} (llama-server, vLLM). */
  boolean sendsIgnoreEos() {
    return ignoreEos;
  }

  /** Whether the token limit is sent as {@code max_completion_tokens} (OpenAI) instead of {@code max_tokens}. */
  boolean usesMaxCompletionTokens() {
    return maxCompletionTokens;
  }

  /**
   * The preset with this config name, case-insensitive.
   *
   * @throws ConfigException naming the known presets when there is none
   */
  public static HttpPreset byName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (HttpPreset p : values()) {
      if (p.configName.equals(n)) {
        return p;
      }
    }
    throw new ConfigException("unknown HTTP provider preset '" + name + "': use one of "
        + Arrays.stream(values()).map(HttpPreset::configName).collect(Collectors.joining(", ")));
  }
}
