package dev.llmux.cli;

import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelManager;

/** Makes model managers for the command line, with the HTTP and fallback factories wired in. */
final class Catalogs {

  private Catalogs() {}

  static ModelManager manager(Catalog catalog) {
    return new ModelManager(catalog,
        remote -> {
          throw new BackendUnavailableException(remote.name(), "HTTP backends are not built into this version", null);
        },
        chain -> chain.get(0));
  }
}
