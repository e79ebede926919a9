package dev.llmux.engine.http;

import dev.llmux.engine.Price;
import dev.llmux.engine.ConfigException;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to make an HTTP backend. Made with {@link #builder(String, HttpPreset, String)}.
 *
 * @param name the backend's name in the catalog, routes and reports
 * @param preset the provider preset: wire format, auth style, defaults
 * @param baseUrl the API's base URL, ending before {@code /chat/completions} or {@code /messages}
 *     (default: the preset's)
 * @param model the provider's model name ({@code gpt-4o-mini}, {@code claude-sonnet-4-5}, ...)
 * @param apiKey the API key (default: none); required by the presets that say so
 * @param timeouts connect, first-token, idle and total limits (default {@link HttpTimeouts#DEFAULTS})
 * @param retry retry and backoff settings (default {@link RetrySettings#DEFAULTS})
 * @param circuit circuit-breaker settings (default {@link CircuitSettings#DEFAULTS})
 * @param headers extra request headers, such as OpenRouter's {@code HTTP-Referer} (default none);
 *     their values are never logged
 * @param price what the provider charges per million tokens (default {@link Price#FREE})
 * @param strictJsonSchema whether OpenAI-style JSON mode asks for {@code strict} schema adherence,
 *     which needs {@code additionalProperties: false} and every property required (default true)
 */
public record HttpBackendSpec(
    String name,
    HttpPreset preset,
    URI baseUrl,
    String model,
    Secret apiKey,
    HttpTimeouts timeouts,
    RetrySettings retry,
    CircuitSettings circuit,
    Map<String, String> headers,
    Price price,
    boolean strictJsonSchema) {

  private static final Set<String> FORBIDDEN_HEADERS = Set.of(
      "authorization", "x-api-key", "connection", "content-length", "expect", "host", "upgrade", "content-type");

  /** Checks every field; errors name the backend and the field. */
  public HttpBackendSpec {
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException("HTTP backend name '" + name + "': use letters, digits, '.', '_' and '-' only");
    }
    String where = "HTTP backend '" + name + "': ";
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(circuit, "circuit");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(headers, "headers");
    if (baseUrl == null || !baseUrl.isAbsolute() || baseUrl.getHost() == null
        || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
      throw new ConfigException(where + "baseUrl '" + safe(baseUrl) + "' is not an absolute http:// or https:// URL"
          + " (for example " + preset.baseUrl() + ")");
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
      throw new ConfigException(where + "baseUrl must not carry a query, fragment or user info: give the key as apiKey");
    }
    if (model == null || model.isBlank()) {
      throw new ConfigException(where + "no model given: set \"model\" to the provider's model name"
          + (preset == HttpPreset.LLAMA_SERVER ? " (llama-server accepts any name)" : ""));
    }
    Map<String, String> h = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String k = e.getKey();
      if (k == null || !k.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        throw new ConfigException(where + "header name '" + k + "' is not a valid HTTP header name");
      }
      if (FORBIDDEN_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
        throw new ConfigException(where + "header '" + k + "' is set by llmux itself"
            + (k.toLowerCase(Locale.ROOT).contains("auth") || k.equalsIgnoreCase("x-api-key") ? "; give the key as apiKey" : "")
            + ": remove it from headers");
      }
      if (e.getValue() == null || e.getValue().indexOf('\n') >= 0 || e.getValue().indexOf('\r') >= 0) {
        throw new ConfigException(where + "header '" + k + "' has no value or a line break in it");
      }
      h.put(k, e.getValue());
    }
    headers = Collections.unmodifiableMap(h);
    baseUrl = stripTrailingSlash(baseUrl);
  }

  /**
   * A builder for a backend called {@code name} on {@code preset} serving {@code model}, with the
   * defaults documented on the record.
   */
  public static Builder builder(String name, HttpPreset preset, String model) {
    return new Builder(name, preset, model);
  }

  /** The base URL without user info, query or fragment, safe to print. */
  static String safe(URI uri) {
    if (uri == null) {
      return "null";
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      return "(not a URL)";
    }
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static URI stripTrailingSlash(URI u) {
    String s = u.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s);
  }

  /** Names the backend, preset, URL and model; never the key or header values. */
  @Override
  public String toString() {
    return "HttpBackendSpec[" + name + ", preset " + preset.configName() + ", " + safe(baseUrl) + ", model " + model
        + ", apiKey " + (apiKey.isPresent() ? "***" : "none") + ", headers " + headers.keySet() + "]";
  }

  /** Builds an {@link HttpBackendSpec}; every setter returns the builder. */
  public static final class Builder {
    private final String name;
    private final HttpPreset preset;
    private final String model;
    private URI baseUrl;
    private Secret apiKey = Secret.none();
    private HttpTimeouts timeouts = HttpTimeouts.DEFAULTS;
    private RetrySettings retry = RetrySettings.DEFAULTS;
    private CircuitSettings circuit = CircuitSettings.DEFAULTS;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Price price = Price.FREE;
    private boolean strictJsonSchema = true;

    private Builder(String name, HttpPreset preset, String model) {
      this.name = name;
      this.preset = Objects.requireNonNull(preset, "preset");
      this.model = model;
      this.baseUrl = preset.baseUrl();
    }

    /** Overrides the preset's base URL. */
    public Builder baseUrl(URI url) {
      this.baseUrl = url;
      return this;
    }

    /** Sets the API key. */
    public Builder apiKey(Secret key) {
      this.apiKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** Sets the time limits. */
    public Builder timeouts(HttpTimeouts t) {
      this.timeouts = t;
      return this;
    }

    /** Sets the retry settings. */
    public Builder retry(RetrySettings r) {
      this.retry = r;
      return this;
    }

    /** Sets the circuit-breaker settings. */
    public Builder circuit(CircuitSettings c) {
      this.circuit = c;
      return this;
    }

    /** Adds an extra request header. */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Sets the price per million tokens. */
    public Builder price(Price p) {
      this.price = p;
      return this;
    }

    /** Sets whether JSON mode asks for strict schema adherence. */
    public Builder strictJsonSchema(boolean strict) {
      this.strictJsonSchema = strict;
      return this;
    }

    /** Validates and builds the spec. */
    public HttpBackendSpec build() {
      return new HttpBackendSpec(name, preset, baseUrl, model, apiKey, timeouts, retry, circuit, headers, price,
          strictJsonSchema);
    }
  }
}
