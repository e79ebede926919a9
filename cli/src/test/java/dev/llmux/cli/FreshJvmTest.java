package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the CLI in a fresh JVM, where the native library is loaded for the first time: stdout must
 * hold only the answer, stderr only llmux's own note, and the temporary folder must be untouched
 * (the binding's own loader would delete llama* files there and print to stdout).
 */
final class FreshJvmTest {

  static Process start(Path tmp, Path cache, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Djava.io.tmpdir=" + tmp);
    cmd.add("-Dllmux.native.cache=" + cache);
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).start();
  }

  @Test
  void generate_freshJvm_keepsStdoutCleanAndTempFolderUntouched(@TempDir Path dir) throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path canary1 = Files.writeString(tmp.resolve("llama-canary.txt"), "keep me");
    Path canary2 = Files.writeString(tmp.resolve("jllama-canary.so"), "keep me too");
    Process p = start(tmp, dir.resolve("cache"), "generate", "--model", TestModels.tiny().toString(), "--temperature", "0",
        "-n", "6", "--ignore-eos", "hello");
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI must exit by itself (native threads are not daemons)");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), err);
    assertFalse(out.contains("Extracted"), out);
    assertEquals(1, out.lines().count(), "stdout holds only the answer: " + out);
    assertEquals(1, err.strip().lines().count(), "stderr holds only the synthetic-model note: " + err);
    assertTrue(err.contains("synthetic model"), err);
    assertTrue(Files.exists(canary1) && Files.exists(canary2), "files in the temporary folder must survive");
    try (var files = Files.list(tmp)) {
      assertEquals(2, files.count(), "nothing is extracted into the temporary folder");
    }
  }

  @Test
  void generate_corruptModelInFreshJvm_exits2WithoutCrashing(@TempDir Path dir) throws Exception {
    byte[] model = Files.readAllBytes(TestModels.tiny());
    Path cut = Files.write(dir.resolve("cut.gguf"), java.util.Arrays.copyOf(model, model.length / 2));
    Process p = start(dir, dir.resolve("cache"), "generate", "--model", cut.toString(), "hello");
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), err);
    assertTrue(err.startsWith("llmux: error: invalid model file"), err);
    assertEquals(1, err.strip().lines().count(), err);
  }
}
