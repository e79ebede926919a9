package dev.llmux.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.llama.LocalModelSpec;

/** One model of the catalog: a local GGUF file or an HTTP provider. */
public sealed interface ModelEntry permits ModelEntry.Local, ModelEntry.Remote {

  /** The model's name in the catalog. */
  String name();

  /**
   * A local GGUF model.
   *
   * @param spec how to load it
   * @param sha256 the file's expected SHA-256 (lower-case hex), or {@code null} when not pinned
   */
  record Local(LocalModelSpec spec, String sha256) implements ModelEntry {
    @Override
    public String name() {
      return spec.name();
    }
  }

  /**
   * A model behind an HTTP API. Settings are kept as written (with {@code ${VAR}} references not yet
   * replaced), so secrets are resolved only when the backend is made and never sit in this value.
   *
   * @param name the model's name
   * @param provider the provider preset ({@code openai}, {@code anthropic}, {@code ollama}, ...)
   * @param settings the entry's JSON object as written
   * @param path the entry's JSON path, for error messages
   */
  record Remote(String name, String provider, JsonNode settings, String path) implements ModelEntry {
    @Override
    public String toString() {
      return "Remote[" + name + ", provider " + provider + "]";
    }
  }
}
