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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime that cannot load: a fresh JVM told to take ONNX Runtime's native library from an
 * empty folder ({@code -Donnxruntime.native.path}, ONNX Runtime's own switch), so its loading
 * really fails. {@code router estimate} must say so in one line and exit 3.
 */
final class TextFeaturesFreshJvmTest {

  static Process start(Path dir, String... args) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("no-native"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Donnxruntime.native.path=" + empty);
    cmd.add("-Dllmux.native.cache=" + dir.resolve("cache"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).start();
  }

  @Test
  void generate_routedWithoutOnnxRuntime_answersAndWarnsOnceNamingTheCause(@TempDir Path dir) throws Exception {
    Process p = start(dir, "generate", "--model", TestModels.tiny().toString(), "--router", "rl.TabularQ", "-n", "4",
        "--ignore-eos", "--json", "Sum two integers.");
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI must exit by itself");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), err);
    assertTrue(out.contains("\"difficulty\":\"UNKNOWN\""), out);
    long warnings = err.lines().filter(l -> l.contains("text features are off")).count();
    assertEquals(1, warnings, err);
    assertTrue(err.contains("ONNX Runtime does not load"), err);
  }

  @Test
  void estimate_onnxRuntimeThatCannotLoad_exits3NamingIt(@TempDir Path dir) throws Exception {
    Process p = start(dir, "router", "estimate", "Sum two integers.");
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI must exit by itself");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(3, p.exitValue(), err);
    assertEquals("", out);
    assertTrue(err.startsWith("llmux: error: ONNX Runtime does not load"), err);
    assertEquals(1, err.strip().lines().count(), err);
  }
}
