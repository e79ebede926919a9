package dev.llmux.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JmhResultTest {

  @TempDir
  Path dir;

  @Test
  void read_jmhJson_nameParamsIterationsAndAllocation() {
    Path file = new JmhJson().addAllocating("RouterBenchmark.choose", "avgt", 2, Map.of("policy", "rl.TabularQ"), "ns/op",
        24.0, 50, 30, 40).write(dir.resolve("r.json"));
    List<JmhResult> results = JmhResult.read(file);
    assertEquals(1, results.size());
    JmhResult r = results.get(0);
    assertEquals("RouterBenchmark.choose", r.benchmark());
    assertEquals(2, r.threads());
    assertEquals("rl.TabularQ", r.param("policy"));
    assertEquals("", r.param("model"));
    assertEquals(List.of(50.0, 30.0, 40.0), r.iterations());
    assertEquals(40.0, r.score(), 1e-9);
    assertTrue(Double.isNaN(r.error()), "JMH writes NaN as a string");
    assertEquals(24.0, r.allocatedBytesPerOp(), 1e-9);
    assertEquals(40.0, r.median(), 1e-9);
    assertEquals(50.0, r.max(), 1e-9);
    assertEquals(30.0, r.min(), 1e-9);
  }

  @Test
  void read_withoutGcProfiler_allocationNaN() {
    Path file = new JmhJson().add("DecodeBenchmark.decode", "ss", 1, Map.of(), "ms/op", 10, 20).write(dir.resolve("d.json"));
    JmhResult r = JmhResult.read(file).get(0);
    assertTrue(Double.isNaN(r.allocatedBytesPerOp()));
    assertEquals(15.0, r.median(), 1e-9, "even count: the mean of the middle two");
  }

  @Test
  void toMillis_jmhTimeUnits_converted() {
    Path file = new JmhJson().add("X.y", "avgt", 1, Map.of(), "us/op", 1500).write(dir.resolve("u.json"));
    JmhResult r = JmhResult.read(file).get(0);
    assertEquals(1.5, r.millis(), 1e-12);
    assertEquals(1_500_000.0, r.toNanos(r.score()), 1e-6);
  }

  @Test
  void toMillis_throughputUnit_rejected() {
    Path file = new JmhJson().add("X.y", "thrpt", 1, Map.of(), "ops/s", 5).write(dir.resolve("t.json"));
    JmhResult r = JmhResult.read(file).get(0);
    assertThrows(IllegalArgumentException.class, r::millis);
  }

  @Test
  void read_notAnArray_saysHowToWriteIt() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), "{\"benchmark\": 1}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhResult.read(file));
    assertTrue(e.getMessage().contains("-rf json"), e.getMessage());
  }

  /** JSON past the parser's limits: 10,000 nested arrays, a string one character past the limit. */
  static java.util.List<String> oversized() {
    return java.util.List.of("[".repeat(10_000) + "]".repeat(10_000), "[{\"benchmark\": \""
        + "a".repeat(com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_STRING_LEN + 1) + "\"}]");
  }

  @Test
  void read_filePastTheParsersLimits_isABadInputNamingTheFileAndTheLimit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jmh.json");
    for (String doc : oversized()) {
      Files.writeString(file, doc);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhResult.read(file));
      assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("exceeds the maximum allowed"),
          e.getMessage());
    }
  }
}
