package dev.llmux.cli;

import dev.llmux.agent.AgentException;
import dev.llmux.agent.CostModel;
import dev.llmux.agent.mock.MockBackends;
import dev.llmux.agent.mock.MockTier;
import dev.llmux.agent.task.Task;
import dev.llmux.engine.Backend;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelEntry;
import dev.llmux.engine.catalog.ModelManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the agent's command line gets its backends.
 *
 * <p>{@link #fromConfig} opens the model catalog ({@code llmux.json}) and returns its backends by
 * name (local GGUF models through the engine, HTTP backends), with their prices as a {@link
 * CostModel}; {@link #mock} gives the scripted mock tiers.
 */
final class AgentBackends {

  /**
   * Backends with their prices.
   *
   * @param backends by name, in routing order
   * @param costs their prices
   * @param mock whether they are scripted mocks
   */
  record Handle(Map<String, Backend> backends, CostModel costs, boolean mock) implements AutoCloseable {

    @Override
    public void close() {
      for (Backend b : backends.values()) {
        b.close();
      }
    }
  }

  private AgentBackends() {}

  /** The three standard mock tiers for these tasks. */
  static Handle mock(List<Task> tasks, long seed, double latencyScale) {
    return new Handle(MockBackends.standard(tasks, seed, latencyScale), MockBackends.costs(MockTier.STANDARD), true);
  }

  /**
   * The backends of a model catalog: every model it names, in file order (local models load now,
   * within the catalog's memory budget), priced from their {@code inputPricePerMillion} and
   * {@code outputPricePerMillion}.
   */
  static Handle fromConfig(Path config) {
    Catalog catalog = Catalog.load(config);
    if (catalog.models().isEmpty()) {
      throw new AgentException("the catalog " + config + " names no models: add some under \"models\"");
    }
    ModelManager manager = ModelManager.of(catalog);
    Map<String, Backend> backends = new LinkedHashMap<>();
    Map<String, double[]> prices = new LinkedHashMap<>();
    try {
      for (ModelEntry e : catalog.models().values()) {
        backends.put(e.name(), manager.model(e.name()));
        if (e instanceof ModelEntry.Remote r) {
          prices.put(e.name(), new double[] {r.settings().path("inputPricePerMillion").asDouble(0),
              r.settings().path("outputPricePerMillion").asDouble(0)});
        }
      }
    } catch (RuntimeException ex) {
      manager.close();
      throw ex;
    }
    return new Handle(backends, CostModel.perMillionTokens(prices), false);
  }
}
