package dev.llmux.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llmux team}: teams of a lead and parallel teammates. */
@Command(
    name = "team",
    mixinStandardHelpOptions = true,
    description = "Teams: a lead plans a task as subtasks, the plan is approved, teammates run the subtasks in parallel.",
    subcommands = {
      TeamCommands.Create.class,
      TeamCommands.ListTeams.class,
      TeamCommands.Show.class,
      TeamCommands.Delete.class,
      TeamRunCommand.class,
      TeamRunCommand.Resume.class,
      TeamRunCommand.Status.class,
      TeamRunCommand.Worker.class
    })
final class TeamCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CliSupport.missingCommand(spec);
  }
}
