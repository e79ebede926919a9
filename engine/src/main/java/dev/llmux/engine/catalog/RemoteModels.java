package dev.llmux.engine.catalog;

import dev.llmux.engine.json.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.http.HttpBackend;
import dev.llmux.engine.http.HttpBackendSpec;
import dev.llmux.engine.http.HttpBackends;
import dev.llmux.engine.http.HttpPreset;
import dev.llmux.engine.http.HttpTimeouts;
import dev.llmux.engine.http.Secret;
import dev.llmux.engine.Price;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes HTTP backends from the catalog's remote entries. Keys: {@code provider} (a preset name),
 * {@code model}, {@code baseUrl}, {@code apiKey} (normally {@code "${VAR}"}; when absent, the
 * preset's usual variable such as {@code OPENAI_API_KEY}), {@code headers}, {@code
 * connectTimeoutSeconds}, {@code firstTokenTimeoutSeconds}, {@code idleTimeoutSeconds}, {@code
 * totalTimeoutSeconds}, {@code inputPricePerMillion}, {@code outputPricePerMillion}.
 */
public final class RemoteModels {

  private static final Set<String> KEYS = Set.of("provider", "model", "baseUrl", "apiKey", "headers",
      "connectTimeoutSeconds", "firstTokenTimeoutSeconds", "idleTimeoutSeconds", "totalTimeoutSeconds",
      "inputPricePerMillion", "outputPricePerMillion", "comment");
  private static final Pattern WHOLE_VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private RemoteModels() {}

  /** Makes the backend of a remote entry, reading secrets from {@code env} now. */
  public static HttpBackend create(Catalog catalog, ModelEntry.Remote r, Function<String, String> env) {
    return HttpBackends.create(spec(catalog, r, env));
  }

  /** The typed spec of a remote entry, reading secrets from {@code env} now. */
  public static HttpBackendSpec spec(Catalog catalog, ModelEntry.Remote r, Function<String, String> env) {
    JsonFields j = Catalog.fields(catalog.file(), env);
    JsonNode m = r.settings();
    String path = r.path();
    j.onlyKeys(m, path, KEYS);
    HttpPreset preset;
    try {
      preset = HttpPreset.byName(r.provider());
    } catch (ConfigException e) {
      throw j.error(path + ".provider", e.getMessage());
    }
    String model = j.text(m, path, "model", "");
    HttpBackendSpec.Builder b = HttpBackendSpec.builder(r.name(), preset, model);
    if (m.has("baseUrl")) {
      String url = j.text(m, path, "baseUrl");
      try {
        b.baseUrl(URI.create(url));
      } catch (IllegalArgumentException e) {
        throw j.error(path + ".baseUrl", "is not a URL: " + e.getMessage());
      }
    }
    b.apiKey(secret(m, path, preset, j, env));
    JsonNode headers = j.optionalObject(m, path, "headers");
    if (headers != null) {
      for (Map.Entry<String, JsonNode> e : JsonFields.fields(headers)) {
        b.header(e.getKey(), j.text(headers, path + ".headers", e.getKey()));
      }
    }
    HttpTimeouts t = HttpTimeouts.DEFAULTS;
    t = new HttpTimeouts(
        seconds(m, "connectTimeoutSeconds", path, j, t.connect()),
        seconds(m, "firstTokenTimeoutSeconds", path, j, t.firstToken()),
        seconds(m, "idleTimeoutSeconds", path, j, t.idle()),
        seconds(m, "totalTimeoutSeconds", path, j, t.total()));
    b.timeouts(t);
    b.price(Price.perMillionTokens(j.number(m, path, "inputPricePerMillion", 0, 1e6, 0), j.number(m, path, "outputPricePerMillion", 0, 1e6, 0)));
    try {
      return b.build();
    } catch (ConfigException e) {
      throw j.error(path, e.getMessage());
    }
  }

  private static Secret secret(JsonNode m, String path, HttpPreset preset, JsonFields j, Function<String, String> env) {
    JsonNode k = m.get("apiKey");
    if (k == null || k.isNull()) {
      String var = preset.keyVariable();
      return var == null || var.isEmpty() ? Secret.none() : Secret.of(env.apply(var), var);
    }
    if (!k.isTextual()) {
      throw j.error(path + ".apiKey", "must be a string such as \"${OPENAI_API_KEY}\"");
    }
    Matcher whole = WHOLE_VAR.matcher(k.asText().strip());
    if (whole.matches()) {
      // Resolved here, not by JsonFields.text, so an unset variable names itself without failing the
      // load: the backend reports it (and is unavailable) only when it is used.
      return Secret.of(env.apply(whole.group(1)), whole.group(1));
    }
    return Secret.of(j.substitute(k.asText(), path + ".apiKey"));
  }

  private static Duration seconds(JsonNode m, String key, String path, JsonFields j, Duration fallback) {
    double s = j.number(m, path, key, -Double.MAX_VALUE, Double.MAX_VALUE, -1);
    if (s == -1) {
      return fallback;
    }
    if (!(s > 0)) {
      throw j.error(path + "." + key, "must be a positive number of seconds");
    }
    return Duration.ofMillis((long) (s * 1000));
  }
}
