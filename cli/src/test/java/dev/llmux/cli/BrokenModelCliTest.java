package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.BrokenGguf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llmux generate} on every file of the {@link BrokenGguf} corpus: exit status 2 and one line
 * on stderr, never a crash, since every file is rejected before native code sees it.
 */
final class BrokenModelCliTest {

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> generate_brokenModel_exits2WithOneLine() {
    Map<String, BrokenGguf.Case> cases = BrokenGguf.writeAll(dir);
    return cases.values().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      CliRun r = CliRun.of("generate", "--model", c.file().toString(), "hi");
      assertEquals(2, r.exitCode(), r.err());
      assertEquals("", r.out());
      List<String> lines = r.err().lines().toList();
      assertEquals(1, lines.size(), "one line: " + r.err());
      assertTrue(lines.get(0).startsWith("llmux: error: invalid model file " + c.file()), r.err());
      assertTrue(lines.get(0).contains(c.problem()), r.err());
    }));
  }

  @Test
  void generateAndInspect_namedPipeAsModel_exit2AtOnce_namingThePipe() throws Exception {
    Path pipe = dir.resolve("pipe.gguf");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
    for (List<String> args : List.of(List.of("generate", "--model", pipe.toString(), "hi"), List.of("models", "inspect",
        pipe.toString()))) {
      // without the check both commands wait for a writer forever
      CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
          () -> CliRun.of(args.toArray(String[]::new)));
      assertEquals(2, r.exitCode(), args + ": " + r.err());
      assertEquals("llmux: error: invalid model file " + pipe + ": is a named pipe (FIFO), not a regular file: give the"
          + " path of a GGUF model file", r.err().strip(), args.toString());
    }
  }

  @Test
  void generate_validCorpusModelInFreshJvm_runs() throws Exception {
    // The model every broken file is one defect away from is one llama.cpp loads and runs.
    Path valid = BrokenGguf.writeValid(dir.resolve("valid.gguf"));
    Process p = FreshJvmTest.start(Files.createDirectories(dir.resolve("tmp")), dir.resolve("cache"), "generate",
        "--model", valid.toString(), "-n", "4", "--temperature", "0", "hi \u00fc \ud83d\ude42");
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI must exit by itself");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), err);
  }

  @Test
  void generate_brokenModelsInFreshJvms_exit2WithoutCrashing() throws Exception {
    Map<String, BrokenGguf.Case> cases = BrokenGguf.writeAll(dir);
    // a duplicate token aborts llama.cpp's loader, a huge offset overflowed the reader's arithmetic
    for (String name : List.of("token-duplicate", "tensor-offset-near-2p63")) {
      BrokenGguf.Case c = cases.get(name);
      Path tmp = Files.createDirectories(dir.resolve("tmp-" + name));
      Process p = FreshJvmTest.start(tmp, dir.resolve("cache"), "generate", "--model", c.file().toString(), "hi");
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), name + ": the CLI must exit by itself");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(2, p.exitValue(), name + ": " + err);
      assertEquals("", out, name);
      assertEquals(1, err.strip().lines().count(), name + ": " + err);
      assertTrue(err.startsWith("llmux: error: invalid model file " + c.file()) && err.contains(c.problem()), err);
    }
  }
}
