package dev.llmux.cli;

import dev.llmux.LlmuxException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Shared command-line behaviour: exception handling and exit codes. */
final class CliSupport {

  /** System property set when {@code --verbose} was given. */
  static final String VERBOSE_PROPERTY = "llmux.verbose";

  private CliSupport() {}

  static boolean verbose() {
    return Boolean.getBoolean(VERBOSE_PROPERTY);
  }

  /** Installs llmux's exception handling on a command line. */
  static CommandLine configure(CommandLine cl) {
    cl.setExecutionExceptionHandler(CliSupport::handle);
    cl.setParameterExceptionHandler(CliSupport::handleParameter);
    return cl;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof LlmuxException le) {
      err.println("llmux: error: " + le.getMessage());
      if (verbose() && le.getCause() != null) {
        le.getCause().printStackTrace(err);
      }
      err.flush();
      return le.exitCode().status();
    }
    err.println("llmux: internal error: " + e + (verbose() ? "" : " (run with --verbose for details)"));
    if (verbose()) {
      e.printStackTrace(err);
    }
    err.flush();
    return LlmuxException.ExitCode.FAILED.status();
  }

  private static int handleParameter(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("llmux: " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
    }
    err.flush();
    return LlmuxException.ExitCode.BAD_INPUT.status();
  }

  /**
   * What a command group does when no command was given: its usage on stderr, and exit status 2
   * (bad usage).
   */
  static int missingCommand(CommandLine.Model.CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    spec.commandLine().usage(err);
    err.println("llmux: " + spec.qualifiedName() + " needs a command: pick one of those above");
    err.flush();
    return LlmuxException.ExitCode.BAD_INPUT.status();
  }

  /** Mixin adding {@code -v/--verbose} to a command; the flag is read before parsing, by {@link Main}. */
  static final class Verbose {
    @CommandLine.Option(names = {"-v", "--verbose"}, description = "Log what llmux and llama.cpp do (on stderr).")
    boolean verbose;
  }
}
