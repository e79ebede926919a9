package dev.llmux.engine.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.TestModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that embeds llmux exits by itself, after a clean close and after an uncaught exception:
 * each runs {@link EmbeddedProgram} in a child JVM. The time bounds only catch a hang; the third
 * test shows the cause (the binding's serving thread) by turning the guard off.
 */
final class ExitGuardTest {

  private static final long HANG_SECONDS = 120;

  @TempDir Path dir;

  private Process start(String mode, String... jvmOptions) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.addAll(List.of(jvmOptions));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EmbeddedProgram.class.getName(), mode,
        TestModels.tiny().toAbsolutePath().toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
  }

  private String output() throws IOException {
    return Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
  }

  @Test
  void embeddedProgram_closesEverythingAndReturns_exitsWithStatus0() throws Exception {
    Process p = start("clean");
    assertTrue(p.waitFor(HANG_SECONDS, TimeUnit.SECONDS), "the child JVM did not exit by itself");
    assertEquals(0, p.exitValue(), output());
    assertTrue(output().contains("done, closed"), output());
  }

  @Test
  void embeddedProgram_diesOfUncaughtException_exitsWithStatus1() throws Exception {
    Process p = start("throw");
    assertTrue(p.waitFor(HANG_SECONDS, TimeUnit.SECONDS), "the child JVM did not exit by itself");
    assertEquals(1, p.exitValue(), output());
    assertTrue(output().contains("Exception in thread \"main\" java.lang.IllegalStateException: deliberate failure"),
        output());
  }

  @Test
  void guardOff_servingThreadKeepsTheJvmAliveAfterMain() throws Exception {
    Process p = start("clean", "-Dllmux.exitGuard=false");
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_SECONDS);
      while (!output().contains("done, closed") && p.isAlive() && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      assertTrue(output().contains("done, closed"), output());
      assertTrue(output().contains("Thread-"), "the binding's non-daemon serving thread is listed: " + output());
      assertFalse(p.waitFor(5, TimeUnit.SECONDS), "without the guard the JVM should hang after main: " + output());
    } finally {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
