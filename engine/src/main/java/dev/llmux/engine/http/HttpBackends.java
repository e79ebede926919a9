package dev.llmux.engine.http;

import dev.llmux.engine.ConfigException;

/** Makes HTTP backends from specs. */
public final class HttpBackends {

  private HttpBackends() {}

  /**
   * An HTTP backend for {@code spec}.
   *
   * @throws ConfigException when the preset needs an API key and the spec has none, or when the
   *     spec's key names an environment variable that is not set (a variable the user wrote must
   *     exist, even where the preset needs no key); the message names the variable, never a value
   */
  public static HttpBackend create(HttpBackendSpec spec) {
    if (!spec.preset().keyRequired() && !spec.apiKey().isPresent() && !spec.apiKey().variable().isEmpty()) {
      String var = spec.apiKey().variable();
      throw new ConfigException("HTTP backend '" + spec.name() + "' (preset " + spec.preset().configName()
          + ") takes its API key from the environment variable " + var + ", which is not set or empty: export " + var
          + "=<your key>, or remove \"apiKey\" when the server needs no key");
    }
    if (spec.preset().keyRequired() && !spec.apiKey().isPresent()) {
      String var = spec.apiKey().variable().isEmpty() ? spec.preset().keyVariable() : spec.apiKey().variable();
      throw new ConfigException("HTTP backend '" + spec.name() + "' (preset " + spec.preset().configName()
          + ") needs an API key, and the environment variable " + var + " is not set or empty: export " + var
          + "=<your key>, or point \"apiKey\" at another variable with \"${VARIABLE}\"");
    }
    return new HttpBackend(spec);
  }
}
