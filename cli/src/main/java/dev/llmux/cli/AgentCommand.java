package dev.llmux.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llmux agent}: run the programming agent on tasks, benchmark it, export its trajectories. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Runs the programming agent: each step is answered by the backend the router picks.",
    subcommands = {AgentRunCommand.class, AgentBenchCommand.class, AgentExportCommand.class})
final class AgentCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CliSupport.missingCommand(spec);
  }
}
