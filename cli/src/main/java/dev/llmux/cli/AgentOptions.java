package dev.llmux.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code llmux agent run} and {@code llmux agent bench}. */
final class AgentOptions {

  @Option(names = "--backend", paramLabel = "KIND",
      description = "Backends to use instead of a catalog: 'mock' (three scripted tiers, no model).")
  String backend;

  @Option(names = "--config", paramLabel = "FILE", description = "Model catalog (llmux.json) whose backends the router picks from.")
  Path config;

  @Option(names = "--router", paramLabel = "SPEC", defaultValue = "round-robin",
      description = "Router: round-robin (default) or fixed:NAME.")
  String router;

  @Option(names = "--policy", paramLabel = "FILE", defaultValue = "llmux-policy.json",
      description = "Where the router's policy is loaded from and, with --learn, saved to (default: ${DEFAULT-VALUE}).")
  Path policy;

  @Option(names = "--learn", description = "Online learning: feed rewards to the router and save its policy after each episode.")
  boolean learn;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the agent's sampling and the mock's choices (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--mock-latency-scale", defaultValue = "1.0", paramLabel = "X",
      description = "Multiplies the mock tiers' latencies; 0 answers at once (default: ${DEFAULT-VALUE}).")
  double mockLatencyScale;

  @Option(names = "--max-steps", defaultValue = "12", description = "Step limit per episode (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--time-limit", defaultValue = "600", paramLabel = "SECONDS",
      description = "Time limit per episode in seconds (default: ${DEFAULT-VALUE}).")
  long timeLimitSeconds;

  @Option(names = "--trajectory", paramLabel = "FILE",
      description = "Trajectory file (JSONL, appended); default: llmux-trajectories/<time>-<name>.jsonl.")
  Path trajectory;

  @Option(names = "--quiet", description = "Print only episode summaries, not every step.")
  boolean quiet;
}
