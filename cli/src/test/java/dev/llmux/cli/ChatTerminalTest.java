package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llmux chat} on a real terminal (a pseudo-terminal driven by Python's {@code pty}, skipped
 * where {@code python3} is missing): the arrow keys edit the line, the up arrow recalls history,
 * Ctrl-D leaves on a new line. The keys are sent as a terminal sends them in the application
 * cursor mode JLine turns on ({@code ESC O D}). Each line is sent only after the prompt has been
 * drawn again (JLine turns bracketed paste on at every prompt), so nothing depends on timing.
 */
final class ChatTerminalTest {

  /** Drives argv[1:] in a pty: waits for each prompt, sends one input, then Ctrl-D; prints all output. */
  private static final String DRIVER = """
      import os, pty, select, sys, time
      os.environ["TERM"] = "xterm-256color"
      pid, fd = pty.fork()
      if pid == 0:
          os.execv(sys.argv[1], sys.argv[1:])
      out = b""
      deadline = time.time() + 60
      def until(prompts):
          global out
          while out.count(b"\\x1b[?2004h") < prompts:
              if time.time() > deadline:
                  sys.stdout.write(out.decode(errors="replace")); sys.exit(99)
              r, _, _ = select.select([fd], [], [], 0.5)
              if r:
                  try:
                      d = os.read(fd, 4096)
                  except OSError:
                      d = b""
                  if not d:
                      sys.stdout.write(out.decode(errors="replace")); sys.exit(98)
                  out += d
      until(1); os.write(fd, b"/ob\\x1bOD\\x1bODf\\r")
      until(2); os.write(fd, b"\\x1bOA\\r")
      until(3); os.write(fd, b"\\x04")
      while True:
          try:
              d = os.read(fd, 4096)
          except OSError:
              break
          if not d:
              break
          out += d
      _, status = os.waitpid(pid, 0)
      sys.stdout.write(out.decode(errors="replace"))
      sys.exit(os.WEXITSTATUS(status))
      """;

  @Test
  void chat_onATerminal_editsLinesRecallsHistoryAndLeavesOnCtrlDWithANewline(@TempDir Path dir) throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "python3 drives the pseudo-terminal");
    List<String> cmd = new ArrayList<>(List.of(python.toString(), "-c", DRIVER,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")), "-Dllmux.native.cache=" + dir.resolve("cache"),
        Main.class.getName(), "chat", "--model", TestModels.tiny().toString(), "-t", "1", "-n", "2"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    String text = out.replaceAll("\u001B\\[[?0-9;$]*[a-zA-Z]|\u001B[=>]", "");
    assertEquals(2, text.split("unknown command /fob:", -1).length - 1,
        "the left arrow moved the cursor and the up arrow recalled the line: " + text);
    assertTrue(out.endsWith("\n"), "Ctrl-D leaves on a new line: " + out);
  }
}
