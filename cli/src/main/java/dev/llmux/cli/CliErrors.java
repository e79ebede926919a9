package dev.llmux.cli;

import dev.llmux.LlmuxException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Turns exceptions into one clear line on stderr and an exit status. */
final class CliErrors {

  private CliErrors() {}

  /** Prints {@code e} as one line (with the stack trace when {@code verbose}) and returns its exit status. */
  static int report(CommandSpec spec, RuntimeException e, boolean verbose) {
    PrintWriter err = spec.commandLine().getErr();
    int status = e instanceof LlmuxException le ? le.exitCode().status() : LlmuxException.ExitCode.FAILED.status();
    err.println("llmux " + spec.qualifiedName(" ").replaceFirst("^llmux ", "") + ": " + e.getMessage());
    if (verbose) {
      StringWriter sw = new StringWriter();
      e.printStackTrace(new PrintWriter(sw));
      err.print(sw);
    }
    err.flush();
    return status;
  }
}
