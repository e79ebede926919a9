package dev.llmux.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llmux sandbox}: run commands in the agent's sandbox. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = "Runs commands the way the agent runs tests: bubblewrap, resource limits, a wall-clock limit.",
    subcommands = {SandboxRunCommand.class})
final class SandboxCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CliSupport.missingCommand(spec);
  }
}
