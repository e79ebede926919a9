package dev.llmux.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root {@code llmux} command: global options and the list of subcommands. Every error of every
 * command is printed by {@link CliErrors} and given its exit status by {@link ExitCodes}.
 */
@Command(
    name = "llmux",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs several LLMs inside one JVM and routes each step to the best one.",
    subcommands = {
      DoctorCommand.class,
      NativeCommand.class,
      ModelsCommand.class,
      GenerateCommand.class,
      ChatCommand.class,
      ServeCommand.class,
      ProvidersCommand.class,
      RouterCommand.class,
      AgentCommand.class,
      SandboxCommand.class,
      TeamCommand.class,
      CommandLine.HelpCommand.class
    })
final class LlmuxCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Read by {@link Main} before parsing (to set up logging) and by {@link CliSupport} (stack traces). */
  @CommandLine.Option(names = {"-v", CliSupport.VERBOSE}, scope = CommandLine.ScopeType.INHERIT,
      description = "Log what llmux and llama.cpp do, and print stack traces of errors (on stderr).")
  boolean verbose;

  @Override
  public Integer call() {
    return CliSupport.missingCommand(spec);
  }

  /** Builds the command line with llmux's exception handling. */
  public static CommandLine commandLine() {
    return CliSupport.configure(new CommandLine(new LlmuxCommand()));
  }

  /** Parses and runs {@code args}; returns the exit status. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }
}
