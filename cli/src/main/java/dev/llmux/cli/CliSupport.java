package dev.llmux.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Shared command-line behaviour: exception handling for every command, and {@code --verbose}. */
final class CliSupport {

  /** The long name of the root command's {@code -v/--verbose} option, which every command inherits. */
  static final String VERBOSE = "--verbose";

  private CliSupport() {}

  /** Installs llmux's exception handling on a command line: every error goes through {@link CliErrors}. */
  static CommandLine configure(CommandLine cl) {
    cl.setExecutionExceptionHandler(CliSupport::handle);
    cl.setParameterExceptionHandler(CliSupport::handleParameter);
    return cl;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    return CliErrors.report(cl.getErr(), e, verbose(parsed));
  }

  private static int handleParameter(CommandLine.ParameterException e, String[] args) {
    return CliErrors.report(e.getCommandLine().getErr(), e, false);
  }

  /** Whether {@code --verbose} was given, on the root command or any subcommand. */
  static boolean verbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(VERBOSE)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a command group does when no command was given: its usage on stderr, then one error line,
   * and exit status 2 (bad usage).
   */
  static int missingCommand(CommandLine.Model.CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    spec.commandLine().usage(err);
    return CliErrors.report(err, new UsageException(spec.qualifiedName() + " needs a command: pick one of those above"),
        false);
  }
}
