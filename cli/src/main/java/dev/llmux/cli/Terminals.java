package dev.llmux.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's standard streams are terminals, which decides how commands read input and draw progress. */
final class Terminals {

  private Terminals() {}

  /**
   * Whether standard input is a terminal (someone can type), as opposed to a pipe, a file or
   * nothing. On Linux this is read from {@code /proc/self/fd/0}; elsewhere it is true when the JVM
   * has a console (standard input and output both terminals).
   */
  static boolean stdinIsTerminal() {
    Path fd0 = Path.of("/proc/self/fd/0");
    if (Files.isSymbolicLink(fd0)) {
      try {
        String target = Files.readSymbolicLink(fd0).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
      } catch (IOException | UnsupportedOperationException e) {
        return System.console() != null;
      }
    }
    return System.console() != null;
  }

  /** Whether standard input and output are both terminals (the JVM has a console): progress is redrawn in place. */
  static boolean interactive() {
    return System.console() != null;
  }
}
