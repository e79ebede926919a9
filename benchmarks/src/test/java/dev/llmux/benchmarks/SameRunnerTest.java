package dev.llmux.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.benchmarks.report.JmhResult;
import dev.llmux.benchmarks.report.LlamaBenchResult;
import dev.llmux.benchmarks.report.Machine;
import dev.llmux.benchmarks.report.Report;
import dev.llmux.benchmarks.report.SameRun;
import dev.llmux.benchmarks.report.Section;
import dev.llmux.benchmarks.report.Section.Measured;
import dev.llmux.nativelib.NativeLibraries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's same-run sections (native builds against llama-bench, concurrency against
 * llama-server): their figures, ratios and skip reasons, from canned JMH, llama-bench and
 * ServingComparison output. Runs no model and no tool.
 */
final class SameRunnerTest {

  private static final Machine MACHINE = new Machine("Test CPU", 2, 8L << 30, List.of("avx2"), "Linux test amd64",
      "OpenJDK 17", "/lib/libjllama.so (bundled, CPU only)", "abcdef0123456789", Machine.BINDING, List.of());
  private static final Report.Run RUN = new Report.Run("2025-01-01T00:00", "test", 2, "1 fork", "not on the PATH");

  @TempDir
  Path dir;

  private String savedHome;

  @BeforeEach
  void noHostBuildFolder() {
    savedHome = System.getProperty(NativeLibraries.HOST_DIR_PROPERTY);
    System.setProperty(NativeLibraries.HOST_DIR_PROPERTY, dir.resolve("empty-host-dir").toString());
  }

  @AfterEach
  void restore() {
    if (savedHome == null) {
      System.clearProperty(NativeLibraries.HOST_DIR_PROPERTY);
    } else {
      System.setProperty(NativeLibraries.HOST_DIR_PROPERTY, savedHome);
    }
  }

  /** One JMH result file: decode and prompt of llmux on the tiny model, in milliseconds per request. */
  private List<JmhResult> jmh(String name, double decodeMillis, double promptMillis) {
    String doc = "[" + result("DecodeBenchmark.decode", decodeMillis) + "," + result("PromptBenchmark.prompt", promptMillis)
        + "]";
    try {
      return JmhResult.read(Files.writeString(dir.resolve(name + ".json"), doc));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String result(String benchmark, double millis) {
    return "{\"benchmark\":\"dev.llmux.benchmarks." + benchmark + "\",\"mode\":\"ss\",\"threads\":1,\"forks\":1,"
        + "\"params\":{\"api\":\"LLMUX\",\"model\":\"TINY_Q8_0\"},\"primaryMetric\":{\"score\":" + millis
        + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"ms/op\",\"rawData\":[[" + millis + "]]},\"secondaryMetrics\":{}}";
  }

  private static List<LlamaBenchResult> llamaBench(double pp512, double tg128) {
    return List.of(new LlamaBenchResult("tiny-q8_0.gguf", 2, 512, 0, pp512, 0, pp512, "b4916 (test)"),
        new LlamaBenchResult("tiny-q8_0.gguf", 2, 0, 128, tg128, 0, tg128, "b4916 (test)"));
  }

  private SameRunner runner() {
    return new SameRunner(dir, 2, true, List.of(BenchModel.TINY_Q8_0), new ArrayList<>());
  }

  @Test
  void builds_bothLibrariesAndTheirLlamaBench_ratiosPerBuildAndHostOverBundled() throws Exception {
    List<JmhResult> bundled = jmh("bundled", 100, 1000);
    List<JmhResult> host = jmh("host", 50, 250);
    SameRun.Results results = new SameRun.Results("1.00 1.00 1.00 1/1 1", "2.00 1.00 1.00 1/1 1", bundled,
        llamaBench(1024, 1600), host, llamaBench(4096, 3200), List.of("Host build: /h/libjllama.so."), List.of(), "x");
    Report report = Report.of(RUN, MACHINE, List.of(), List.of(), results);
    Section s = report.section("builds");
    assertEquals(2, s.rows().size());
    assertEquals("tg128", s.value(0, "test"));
    assertEquals(1280.0, ((Measured) s.value(0, "bundledLlmux")).value(), 1e-9);
    assertEquals(0.8, (Double) s.value(0, "bundledRatio"), 1e-9);
    assertEquals(2560.0, ((Measured) s.value(0, "hostLlmux")).value(), 1e-9);
    assertEquals(0.8, (Double) s.value(0, "hostRatio"), 1e-9);
    assertEquals(2.0, (Double) s.value(0, "hostOverBundled"), 1e-9);
    assertEquals("pp512", s.value(1, "test"));
    assertEquals(0.5, (Double) s.value(1, "bundledRatio"), 1e-9);
    assertEquals(4.0, (Double) s.value(1, "hostOverBundled"), 1e-9);
    String md = report.markdown();
    assertTrue(md.contains("| load average (/proc/loadavg) | start 1.00 1.00 1.00 1/1 1; end 2.00 1.00 1.00 1/1 1 |"), md);
    assertTrue(md.contains("| tiny-q8_0 | tg128 | 1280.0 | 1600.0 | 80.0% | 2560.0 | 3200.0 | 80.0% | 2.00x |"), md);
    assertTrue(md.contains("Host build: /h/libjllama.so."), md);
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dev.llmux.benchmarks.report.ReportFiles.json(report, dir, List.of()));
    assertEquals("2.00 1.00 1.00 1/1 1", json.path("loadAverage").path("end").asText());
    assertEquals(2.0, json.path("sections").path("builds").path("rows").path(0).path("hostOverBundled").asDouble(), 1e-9);
  }

  @Test
  void run_noHostBuildNoLlamaBenchNoServing_bundledMeasuredAndEachAbsenceSaysWhy() throws Exception {
    List<String> forkArgs = new ArrayList<>();
    List<JmhResult> bundled = jmh("bundled", 100, 1000);
    SameRun.Results results = runner().run("1 1 1", true, false, List.of(), (plan, arg) -> {
      forkArgs.add(arg);
      assertEquals(Map.of("model", List.of("TINY_Q8_0"), "api", List.of("LLMUX")), plan.params());
      return bundled;
    }, Map.of(), "1,2", null, null);
    assertEquals(1, forkArgs.size(), "only the bundled library ran");
    assertTrue(forkArgs.get(0).startsWith("-D" + NativeLibraries.HOST_DIR_PROPERTY + "="), forkArgs.get(0));
    String md = Report.of(RUN, MACHINE, List.of(), List.of(), results).markdown();
    assertTrue(md.contains("Skipped: bundled llama-bench: not run"), md);
    assertTrue(md.contains("Skipped: host build: none given (--host-lib) and none in " + dir.resolve("empty-host-dir")), md);
    assertTrue(md.contains("Skipped: --no-serving"), md);
    assertTrue(md.contains("| tiny-q8_0 | tg128 | 1280.0 | – | – | – | – | – | – |"), md);
  }

  @Test
  void run_hostLibraryWithoutItsLlamaBench_hostForksNameTheLibraryAndTheColumnSaysWhy() throws Exception {
    Path lib = Files.writeString(dir.resolve("libjllama.so"), "not loaded here");
    List<String> forkArgs = new ArrayList<>();
    SameRun.Results results = runner().run("1 1 1", true, false, llamaBench(1, 1), (plan, arg) -> {
      forkArgs.add(arg);
      return jmh(plan.name(), 100, 1000);
    }, Map.of("--host-lib", lib.toString()), "1,2", null, null);
    assertEquals(List.of("-D" + NativeLibraries.PATH_PROPERTY + "=" + lib.toAbsolutePath()), forkArgs.subList(1, 2));
    String md = Report.of(RUN, MACHINE, List.of(), List.of(), results).markdown();
    assertTrue(md.contains("Skipped: host llama-bench: not given (--host-llama-bench FILE"), md);
    assertTrue(!md.contains("Skipped: bundled llama-bench"), md);
  }

  @Test
  void run_noModelMeasured_bothSectionsSkippedWithTheReason() throws Exception {
    SameRunner none = new SameRunner(dir, 2, true, List.of(), new ArrayList<>());
    SameRun.Results results = none.run("1 1 1", true, true, List.of(), (plan, arg) -> {
      throw new AssertionError("nothing to run");
    }, Map.of("--server", "/bin/true"), "1,2", null, null);
    Report report = Report.of(RUN, MACHINE, List.of(), List.of(), results);
    assertTrue(report.section("builds").isEmpty());
    String md = report.markdown();
    assertTrue(md.contains("Skipped: native builds: no model was measured in this run"), md);
    assertTrue(md.contains("Skipped: no model was measured in this run"), md);
  }

  @Test
  void serving_comparisonJsonRoundTrip_gainsOverEachOnesSingleClient() throws Exception {
    Path json = dir.resolve("serving.json");
    ServingComparison.writeJson(List.of(
        new ServingComparison.Figures("llmux", 1, List.of(9.0, 11.0)),
        new ServingComparison.Figures("llama-server", 1, List.of(20.0)),
        new ServingComparison.Figures("llmux", 2, List.of(15.0)),
        new ServingComparison.Figures("llama-server", 2, List.of())), json);
    List<SameRun.ServingFigure> figures = SameRun.ServingFigure.read(json);
    assertEquals(4, figures.size());
    assertTrue(Double.isNaN(figures.get(3).mean()), "no rounds: not measured, not zero");
    SameRun.Results results = new SameRun.Results("a", "b", List.of(), List.of(), List.of(), List.of(), List.of(),
        figures, "");
    Section s = Report.of(RUN, MACHINE, List.of(), List.of(), results).section("serving");
    assertEquals(2, s.rows().size());
    assertEquals(10.0, (Double) s.value(0, "llmux"), 1e-9);
    assertEquals("9.000-11.00", s.value(0, "llmuxRange"));
    assertEquals(1.5, (Double) s.value(1, "llmuxGain"), 1e-9);
    assertEquals(20.0, (Double) s.value(0, "llamaServer"), 1e-9);
    assertTrue(Double.isNaN((Double) s.value(1, "llamaServerGain")));
    assertTrue(s.markdown().contains("| 2 | 15.00 | 15.00-15.00 | 1.50x | – | – | – |"), s.markdown());
  }
}
