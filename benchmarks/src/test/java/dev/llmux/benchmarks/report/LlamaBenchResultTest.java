package dev.llmux.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LlamaBenchResultTest {

  @TempDir
  Path dir;

  @Test
  void read_llamaBenchJson_testsSlowestAndBuild() {
    Path file = JmhJson.llamaBench(dir.resolve("lb.json"), "qwen2.5-0.5b-q8_0.gguf", 150.5, 30.25, 31, 29.5, 30.25);
    List<LlamaBenchResult> results = LlamaBenchResult.read(file);
    assertEquals(2, results.size());
    LlamaBenchResult pp = results.get(0);
    assertEquals("pp512", pp.test());
    assertEquals("qwen2.5-0.5b-q8_0.gguf", pp.modelFile(), "the folder is dropped");
    assertEquals(150.5, pp.tokensPerSecond(), 1e-9);
    assertEquals(150.5, pp.slowest(), 1e-9, "no samples: the mean");
    LlamaBenchResult tg = results.get(1);
    assertEquals("tg128", tg.test());
    assertEquals(29.5, tg.slowest(), 1e-9);
    assertEquals(2, tg.threads());
    assertEquals("b4916 (3d82dbcb)", tg.build());
  }

  @Test
  void read_filePastTheParsersLimits_isABadInputNamingTheFileAndTheLimit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("llama-bench.json");
    for (String doc : JmhResultTest.oversized()) {
      Files.writeString(file, doc);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlamaBenchResult.read(file));
      assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("exceeds the maximum allowed"),
          e.getMessage());
    }
  }
}
