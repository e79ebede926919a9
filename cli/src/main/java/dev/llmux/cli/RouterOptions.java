package dev.llmux.cli;

import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.sim.Scenario;
import dev.llmux.router.sim.Scenarios;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the {@code llmux router} subcommands: the scenario, the reward, settings, seed. */
final class RouterOptions {

  @Option(names = "--preset", paramLabel = "NAME",
      description = "Built-in scenario: toy, qwen-coder or primary-under-load (default: toy).")
  String preset;

  @Option(names = "--profiles", paramLabel = "FILE",
      description = "A profiles file (JSON) describing your own backends and workload, instead of a preset.")
  Path profiles;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A settings file overriding the router's defaults (same shape as defaults.json).")
  Path config;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of every random draw (default: 42).")
  Long seed;

  @Option(names = "--lambda", paramLabel = "X", description = "Reward lost per second of latency (default: the scenario's).")
  Double lambda;

  @Option(names = "--mu", paramLabel = "X", description = "Reward lost per dollar spent (default: the scenario's).")
  Double mu;

  /** The settings: defaults, overlaid with --config. */
  RouterSettings settings() {
    return config == null ? RouterSettings.defaults() : RouterSettings.load(config);
  }

  /** The scenario: --profiles, --preset, or the toy. */
  Scenario scenario() {
    if (preset != null && profiles != null) {
      throw new UsageException("give --preset or --profiles, not both");
    }
    return profiles != null ? Scenarios.load(profiles) : Scenarios.preset(preset == null ? "toy" : preset);
  }

  /** The reward: the scenario's, with --lambda and --mu applied. */
  Reward reward(Scenario scenario) {
    Reward base = scenario.reward();
    try {
      return new Reward(lambda == null ? base.lambda() : lambda, mu == null ? base.mu() : mu);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + " (--lambda / --mu)");
    }
  }

  /** The seed: --seed or the settings' seed. */
  long seed(RouterSettings settings) {
    return seed == null ? settings.training().seed() : seed;
  }
}
