package dev.llmux.cli;

import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.json.JsonFields;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Shared command-line behaviour: exception handling for every command, {@code --verbose}, and reading {@code --json-schema} files. */
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

  /**
   * The text of a {@code --json-schema} file, checked to be JSON within the parser's limits, so
   * that a file that is not is named in the error.
   *
   * @throws InvalidRequestException when the file cannot be read or is not JSON
   */
  static String readJsonSchema(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidRequestException("cannot read --json-schema " + file + ": " + e.getMessage());
    }
    JsonFields.of("--json-schema file " + file, InvalidRequestException::new).parse(text);
    return text;
  }
}
