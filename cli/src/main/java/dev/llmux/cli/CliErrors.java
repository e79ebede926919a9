package dev.llmux.cli;

import dev.llmux.LlmuxException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The one place that prints errors: one line on stderr, {@code llmux: error: MESSAGE}, then the
 * stack trace under {@code --verbose}; the exit status comes from {@link ExitCodes}.
 */
final class CliErrors {

  /** What every error line starts with. */
  static final String PREFIX = "llmux: error: ";

  private CliErrors() {}

  /** Prints {@code e} (with its stack trace when {@code verbose}) and returns its exit status. */
  static int report(PrintWriter err, Throwable e, boolean verbose) {
    err.println(PREFIX + describe(e, verbose));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.of(e);
  }

  /** The text after the prefix: the message of llmux's own exceptions; for a usage error, where help is. */
  static String describe(Throwable e, boolean verbose) {
    if (e instanceof LlmuxException) {
      return oneLine(e.getMessage());
    }
    if (e instanceof CommandLine.ParameterException pe) {
      return oneLine(pe.getMessage()) + usageHint(pe);
    }
    return "internal error: " + oneLine(e.toString()) + (verbose ? "" : " (run with --verbose for the stack trace)");
  }

  private static String usageHint(CommandLine.ParameterException e) {
    String help = " (run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage)";
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      return " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
    }
    return help;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
