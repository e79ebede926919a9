package dev.llmux.engine.catalog;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.FallbackBackend;
import dev.llmux.engine.Price;
import dev.llmux.engine.gguf.GgufFile;
import dev.llmux.engine.http.HttpBackend;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import dev.llmux.nativelib.MachineProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the catalog's backends on first use and keeps local models within the memory budget.
 *
 * <p>Before a local model loads, its memory need is estimated from its GGUF metadata (weights, KV
 * cache for its context and slots, compute buffers); a load that would exceed the budget is
 * refused with a message naming what holds the memory. Loaded models stay loaded: the JNI binding
 * (de.kherud:llama 4.2.0) never frees a model's native memory, so unloading could not make room.
 * Thread-safe.
 */
public final class ModelManager implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelManager.class);

  private final Catalog catalog;
  private final Function<ModelEntry.Remote, Backend> remoteFactory;
  private final BiFunction<String, List<Backend>, Backend> chainFactory;
  private final ModelPins pins;
  private final Map<String, Backend> chains = new LinkedHashMap<>();
  private final Map<String, Backend> loaded = new LinkedHashMap<>();
  private final Map<String, Long> reserved = new LinkedHashMap<>();
  private long budget;

  /**
   * A manager over {@code catalog}.
   *
   * @param remoteFactory makes HTTP backends from remote entries
   * @param chainFactory makes one backend, named after the role, of a role's fallback chain (called
   *     only for chains of two or more)
   */
  public ModelManager(Catalog catalog, Function<ModelEntry.Remote, Backend> remoteFactory,
      BiFunction<String, List<Backend>, Backend> chainFactory) {
    this(catalog, remoteFactory, chainFactory, ModelPins.shared());
  }

  ModelManager(Catalog catalog, Function<ModelEntry.Remote, Backend> remoteFactory,
      BiFunction<String, List<Backend>, Backend> chainFactory, ModelPins pins) {
    this.catalog = catalog;
    this.remoteFactory = remoteFactory;
    this.chainFactory = chainFactory;
    this.pins = pins;
    this.budget = catalog.memoryBudgetBytes();
  }

  /**
   * A manager over {@code catalog} with the standard factories: HTTP backends whose secrets come
   * from the process environment, and a {@link FallbackBackend} for each role naming several
   * models.
   */
  public static ModelManager of(Catalog catalog) {
    return new ModelManager(catalog, remote -> RemoteModels.create(catalog, remote, System::getenv), FallbackBackend::of);
  }

  /** The catalog. */
  public Catalog catalog() {
    return catalog;
  }

  /**
   * The backend for a role or model name: a role with several models gives one backend that falls
   * back along the chain.
   */
  public synchronized Backend backend(String nameOrRole) {
    List<String> chain = catalog.resolve(nameOrRole);
    if (chain.size() == 1) {
      return model(chain.get(0));
    }
    Backend made = chains.get(nameOrRole);
    if (made == null) {
      List<Backend> backends = new ArrayList<>();
      for (String name : chain) {
        backends.add(model(name));
      }
      made = chainFactory.apply(nameOrRole, backends);
      chains.put(nameOrRole, made);
    }
    return made;
  }

  /**
   * The backends of a role's models (or of the one model so named), first choice first, each made
   * on first use: what a routed backend chooses among.
   */
  public synchronized List<Backend> models(String nameOrRole) {
    List<Backend> backends = new ArrayList<>();
    for (String name : catalog.resolve(nameOrRole)) {
      backends.add(model(name));
    }
    return List.copyOf(backends);
  }

  /** What the named model charges: its HTTP backend's price, free for local models. */
  public synchronized Price price(String name) {
    if (!(catalog.models().get(name) instanceof ModelEntry.Remote)) {
      return Price.FREE;
    }
    return model(name) instanceof HttpBackend h ? h.price() : Price.FREE;
  }

  /** The backend of one catalog model, made (and for local models, loaded) on first use. */
  public synchronized Backend model(String name) {
    Backend b = loaded.get(name);
    if (b != null) {
      return b;
    }
    ModelEntry entry = catalog.models().get(name);
    if (entry == null) {
      throw new ConfigException("no model named '" + name + "' in the catalog; known models: " + catalog.models().keySet());
    }
    if (entry instanceof ModelEntry.Remote remote) {
      b = remoteFactory.apply(remote);
    } else {
      b = loadLocal((ModelEntry.Local) entry);
    }
    loaded.put(name, b);
    return b;
  }

  private Backend loadLocal(ModelEntry.Local entry) {
    LocalModelSpec spec = entry.spec();
    GgufFile gguf = GgufFile.read(spec.path());
    if (entry.sha256() != null) {
      pins.check(spec.path(), entry.sha256());
    }
    int ctx = spec.contextSize() == 0 ? (int) Math.min(4096, Math.max(16L * spec.parallel(),
        gguf.contextLength() > 0 ? gguf.contextLength() : 4096)) : spec.contextSize();
    long need = gguf.memoryEstimate(ctx, spec.parallel(), spec.kvCacheType().configName()).totalBytes();
    if (budget == 0) {
      long available = new MachineProbe().probe(false).memoryAvailableBytes();
      budget = available > 0 ? (long) (available * 0.8) : Long.MAX_VALUE;
    }
    long used = reserved.values().stream().mapToLong(Long::longValue).sum();
    if (used + need > budget) {
      throw new BackendUnavailableException(spec.name(), "loading it needs about " + mib(need) + " MiB (weights, KV cache"
          + " for " + ctx + " tokens, compute buffers), but the memory budget is " + mib(budget) + " MiB and loaded models"
          + " hold " + mib(used) + " MiB " + reserved.keySet() + ". Raise memoryBudget in the config, lower contextSize"
          + " or parallel, or use a smaller quantization", null);
    }
    LOG.info("loading '{}' (estimated {} MiB of {} MiB budget)", spec.name(), mib(need), mib(budget));
    LlamaBackend backend = LlamaBackend.load(spec, gguf);
    reserved.put(spec.name(), need);
    return backend;
  }

  private static long mib(long bytes) {
    return bytes / (1 << 20);
  }

  /** Names of the models made so far. */
  public synchronized List<String> loadedModels() {
    return List.copyOf(loaded.keySet());
  }

  /** Estimated bytes held by loaded local models. */
  public synchronized long reservedBytes() {
    return reserved.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Closes every backend made. */
  @Override
  public synchronized void close() {
    for (Backend b : loaded.values()) {
      try {
        b.close();
      } catch (RuntimeException e) {
        LOG.warn("closing {} failed: {}", b.name(), e.getMessage());
      }
    }
    loaded.clear();
  }
}
