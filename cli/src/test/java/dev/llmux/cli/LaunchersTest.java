package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launchers beside the build: {@code ./llmux} for Unix shells, {@code llmux.cmd} for Windows. */
final class LaunchersTest {

  private static final Path ROOT = Path.of(System.getProperty("llmux.test.root", "..")).toAbsolutePath().normalize();

  @Test
  void cmdLauncher_runsTheCliJar_withEveryArgument_andCrlfLineEnds() throws Exception {
    Path cmd = ROOT.resolve("llmux.cmd");
    assertTrue(Files.isRegularFile(cmd), cmd + " is missing");
    String text = Files.readString(cmd, StandardCharsets.US_ASCII);
    assertTrue(text.contains("%~dp0cli\\target\\llmux.jar"), text);
    assertTrue(text.contains("-jar \"%LLMUX_JAR%\" %*"), "all arguments must reach the jar: " + text);
    assertTrue(text.contains("%LLMUX_JAVA_OPTS%"), text);
    assertTrue(text.contains("exit /b %ERRORLEVEL%"), "the exit status must come through: " + text);
    assertEquals(text.split("\n", -1).length - 1, text.split("\r\n", -1).length - 1, "cmd.exe needs CRLF line ends");
  }

  @Test
  void shellLauncher_withoutTheJar_saysHowToBuildIt() throws Exception {
    Path copy = Files.createTempDirectory("llmux-launcher-test");
    try {
      Files.copy(ROOT.resolve("llmux"), copy.resolve("llmux"));
      Process p = new ProcessBuilder("bash", copy.resolve("llmux").toString(), "--help").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(2, p.exitValue(), out);
      assertTrue(out.contains("build it first"), out);
    } finally {
      Files.deleteIfExists(copy.resolve("llmux"));
      Files.deleteIfExists(copy);
    }
  }
}
