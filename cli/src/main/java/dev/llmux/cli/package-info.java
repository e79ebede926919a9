/**
 * The {@code llmux} command line (picocli): thin commands that parse, call the library and print.
 *
 * <p>Commands do not catch errors: an exception ends the command, {@link dev.llmux.cli.CliErrors}
 * prints it as one line ({@code llmux: error: ...}, with the stack trace under {@code --verbose}),
 * and {@link dev.llmux.cli.ExitCodes} maps its type to the exit status.
 */
package dev.llmux.cli;
