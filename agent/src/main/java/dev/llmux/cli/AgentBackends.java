package dev.llmux.cli;

import dev.llmux.LlmuxException.ExitCode;
import dev.llmux.agent.AgentException;
import dev.llmux.agent.CostModel;
import dev.llmux.agent.mock.MockBackends;
import dev.llmux.agent.mock.MockTier;
import dev.llmux.agent.task.Task;
import dev.llmux.engine.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one place where the agent's command line gets its backends.
 *
 * <p>TODO(lead, catalog): {@link #fromConfig} opens the model catalog ({@code llmux.json}) and
 * returns its backends by name (local GGUF models through the engine, HTTP backends), with their
 * prices as a {@link CostModel}.
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

  /** The backends of a model catalog. */
  static Handle fromConfig(Path config) {
    throw new AgentException(ExitCode.BAD_INPUT, "loading backends from the catalog " + config
        + " is not wired into this build yet; use --backend mock");
  }
}
