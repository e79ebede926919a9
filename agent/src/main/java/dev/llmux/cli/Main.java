package dev.llmux.cli;

import picocli.CommandLine;

/** Entry point of the {@code llmux} command line. */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its status (the native runtime keeps non-daemon threads). */
  public static void main(String[] args) {
    int status = LlmuxCommand.run(args);
    System.out.flush();
    System.exit(status);
  }
}
