package dev.llmux.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llmux router}: train, compare and inspect routing policies in the simulator. */
@Command(
    name = "router",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Train, compare and inspect routing policies in the simulator.",
        "Scenarios: the presets " + RouterOptions.PRESETS + " (mock-tiers: the agent's three mock backends),"
            + " or your own backends and workload in a --profiles file."},
    subcommands = {RouterTrainCommand.class, RouterEvalCommand.class, RouterShowCommand.class,
        RouterEstimateCommand.class, RouterEstimatorTrainCommand.class, RouterReplayCommand.class})
final class RouterCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: prints the usage. */
  @Override
  public Integer call() {
    return CliSupport.missingCommand(spec);
  }
}
