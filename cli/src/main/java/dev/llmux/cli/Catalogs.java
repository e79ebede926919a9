package dev.llmux.cli;

import dev.llmux.engine.FallbackBackend;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelManager;
import dev.llmux.engine.catalog.RemoteModels;

/** Makes model managers for the command line, with the HTTP and fallback factories wired in. */
final class Catalogs {

  private Catalogs() {}

  static ModelManager manager(Catalog catalog) {
    return new ModelManager(catalog,
        remote -> RemoteModels.create(catalog, remote, System::getenv),
        (role, chain) -> FallbackBackend.of(role, chain));
  }
}
