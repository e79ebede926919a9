package dev.llmux.router;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.Price;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelManager;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one door for programs that embed llmux: open a catalog (or one GGUF model file) and get its
 * models, roles and routed sets as {@link Backend}s. Blocking calls are {@link Backend#chat}; the
 * asynchronous form is {@link dev.llmux.engine.Backends#async}. Closing the door closes every
 * backend it made (models load lazily, on first use, within the catalog's memory budget).
 *
 * <pre>{@code
 * try (Llmux llmux = Llmux.open(Path.of("llmux.json"))) {
 *   Backend primary = llmux.backend("primary");             // a model, or a role's fallback chain
 *   RoutedBackend routed = llmux.routed("primary", "bandit.Ucb1"); // the router chooses per request
 *   ChatResponse r = primary.chat(ChatRequest.builder().user("Hello").build(), System.out::print);
 * }
 * }</pre>
 *
 * <p>A program whose {@code main} ends exits by itself even with models still open (see the
 * engine's notes on the binding's serving thread); closing is still the way to free them early.
 */
public final class Llmux implements AutoCloseable {

  private final ModelManager manager;
  private final LlamaBackend single;
  private final Map<String, RoutedBackend> routed = new ConcurrentHashMap<>();

  private Llmux(ModelManager manager, LlamaBackend single) {
    this.manager = manager;
    this.single = single;
  }

  /**
   * Opens a catalog file ({@code llmux.json}) or, for a path ending in {@code .gguf}, loads that
   * one model under its file name without the extension.
   *
   * @throws ConfigException when the file is missing or not a valid catalog
   */
  public static Llmux open(Path file) {
    if (file.getFileName() != null && file.getFileName().toString().endsWith(".gguf")) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("model file " + file + " does not exist; give a GGUF file or a catalog (llmux.json)");
      }
      return open(LocalModelSpec.builder(file.getFileName().toString().replaceFirst("\\.gguf$", ""), file).build());
    }
    return new Llmux(Catalog.open(file), null);
  }

  /** Loads one model with the given settings. */
  public static Llmux open(LocalModelSpec spec) {
    return new Llmux(null, LlamaBackend.load(spec));
  }

  /** The names of the models it can serve, in catalog order. */
  public List<String> models() {
    return single != null ? List.of(single.name()) : List.copyOf(manager.catalog().models().keySet());
  }

  /** The names of the catalog's roles (none for a single model file). */
  public List<String> roles() {
    return single != null ? List.of() : List.copyOf(manager.catalog().roles().keySet());
  }

  /**
   * The backend of a model or role: a role of several models falls back along its chain, in order.
   *
   * @throws ConfigException when no model or role has that name
   */
  public Backend backend(String nameOrRole) {
    if (single != null) {
      if (!single.name().equals(nameOrRole)) {
        throw new ConfigException("no model named '" + nameOrRole + "'; this door holds only '" + single.name() + "'");
      }
      return single;
    }
    return manager.backend(nameOrRole);
  }

  /** The backends a role's routed set chooses among (its models, first choice first). */
  public List<Backend> members(String nameOrRole) {
    return single != null ? List.of(backend(nameOrRole)) : manager.models(nameOrRole);
  }

  /**
   * A routed set over a role's models: {@code policy} (a registry spec such as {@code rl.TabularQ},
   * {@code bandit.Ucb1}, {@code baseline.Always(NAME)}) chooses the model for each request; a
   * failure continues on the next. Made once per role and policy.
   */
  public RoutedBackend routed(String nameOrRole, String policy) {
    return routed.computeIfAbsent(nameOrRole + "\u0000" + policy, k -> {
      RoutedBackend.Builder b = RoutedBackend.builder().name(nameOrRole).policy(policy);
      for (Backend m : members(nameOrRole)) {
        b.backend(m, single != null ? Price.FREE : manager.price(m.name()));
      }
      return b.build();
    });
  }

  /** Closes every routed set and model this door made. */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (RoutedBackend r : routed.values()) {
      try {
        r.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (single != null) {
      single.close();
    } else {
      manager.close();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
