package dev.llmux.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.benchmarks.report.Section.Measured;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ReportTest {

  private static final Machine MACHINE = new Machine("Test CPU", 2, 8L << 30, List.of("avx2"), "Linux test amd64",
      "OpenJDK 17", "/lib/libjllama.so (bundled, CPU only)", "abcdef0123456789", Machine.BINDING, List.of());
  private static final Report.Run RUN = new Report.Run("2025-01-01T00:00", "test", 2, "1 fork", "not on the PATH");

  @TempDir
  Path dir;

  private Report report(JmhJson json, List<LlamaBenchResult> lb) {
    return Report.of(RUN, MACHINE, JmhResult.read(json.write(dir.resolve("jmh.json"))), lb);
  }

  private static Map<String, String> p(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static JmhJson decode(double[] binding, double[] llmux) {
    return new JmhJson()
        .add("DecodeBenchmark.decode", "ss", 1, p("api", "BINDING", "model", "TINY_Q8_0"), "ms/op", binding)
        .add("DecodeBenchmark.decode", "ss", 1, p("api", "LLMUX", "model", "TINY_Q8_0"), "ms/op", llmux);
  }

  @Test
  void throughput_decodeRequests_tokensPerSecondRatioAndSlowest() {
    Report r = report(decode(new double[] {100, 100}, new double[] {100, 110}), List.of());
    Section t = r.section("throughput");
    assertEquals(1, t.rows().size());
    assertEquals("tiny-q8_0", t.value(0, "model"));
    assertEquals("tg128", t.value(0, "test"));
    assertEquals(1280.0, ((Measured) t.value(0, "binding")).value(), 1e-9);
    assertEquals(128_000.0 / 105, ((Measured) t.value(0, "llmux")).value(), 1e-9);
    assertEquals(100.0 / 105, (Double) t.value(0, "llmuxOverBinding"), 1e-9);
    assertEquals(128_000.0 / 110, (Double) t.value(0, "llmuxSlowest"), 1e-9);
    assertTrue(Double.isNaN((Double) t.value(0, "llamaBench")));
  }

  @Test
  void throughput_secondsPerOp_convertedToMilliseconds() {
    JmhJson json = new JmhJson()
        .add("PromptBenchmark.prompt", "ss", 1, p("api", "BINDING", "model", "QWEN2_5_0_5B_Q8_0"), "s/op", 2.0)
        .add("PromptBenchmark.prompt", "ss", 1, p("api", "LLMUX", "model", "QWEN2_5_0_5B_Q8_0"), "s/op", 4.0);
    Section t = report(json, List.of()).section("throughput");
    assertEquals("pp512", t.value(0, "test"));
    assertEquals(256.0, ((Measured) t.value(0, "binding")).value(), 1e-9);
    assertEquals(128.0, ((Measured) t.value(0, "llmux")).value(), 1e-9);
  }

  @Test
  void targets_llamaBenchOnPath_everyRequestAgainstTg128() {
    List<LlamaBenchResult> lb = List.of(
        new LlamaBenchResult("tiny-q8_0.gguf", 2, 0, 128, 1190, 5, 1180, "b4916 (x)"),
        new LlamaBenchResult("tiny-q8_0.gguf", 2, 512, 0, 9000, 5, 8900, "b4916 (x)"));
    Report r = report(decode(new double[] {100, 100}, new double[] {100, 110}), lb);
    Section t = r.section("throughput");
    assertEquals(1280.0 / 1190, (Double) t.value(0, "bindingOverLlamaBench"), 1e-9);
    assertEquals((128_000.0 / 110) / 1190, (Double) t.value(0, "llmuxSlowestOverLlamaBench"), 1e-9);
    Section targets = r.section("targets");
    assertEquals("met", targets.value(5, "result"), "1163.6 / 1190 = 97.8% of tg128");
    assertEquals("missed", targets.value(0, "result"), "95.2% of the binding is under 99%");
  }

  @Test
  void targets_slowRequestUnder97PercentOfLlamaBench_missed() {
    List<LlamaBenchResult> lb = List.of(new LlamaBenchResult("tiny-q8_0.gguf", 2, 0, 128, 1280, 5, 1270, "b"));
    Report r = report(decode(new double[] {100, 100}, new double[] {100, 100, 140}), lb);
    assertEquals("missed", r.section("targets").value(5, "result"));
  }

  @Test
  void targets_nothingMeasured_notMeasured() {
    Report r = report(new JmhJson().add("OverheadBenchmark.request", "avgt", 1,
        p("api", "LLMUX", "model", "TINY_Q8_0", "tokens", "1"), "ms/op", 0.5), List.of());
    Section targets = r.section("targets");
    for (int i = 0; i < targets.rows().size(); i++) {
      assertEquals("not measured", targets.value(i, "result"), targets.rows().get(i).toString());
    }
  }

  @Test
  void concurrency_fourClients_aggregateAndGainOverOne() {
    JmhJson json = new JmhJson();
    double[] latency = {2000, 3000, 6000};
    int[] clients = {1, 2, 4};
    for (int i = 0; i < 3; i++) {
      json.add("ConcurrencyBenchmark.clients" + clients[i], "ss", clients[i],
          p("api", "LLMUX", "model", "QWEN2_5_0_5B_Q8_0"), "ms/op", latency[i]);
    }
    Report r = report(json, List.of());
    Section c = r.section("concurrency");
    assertEquals(3, c.rows().size());
    assertEquals(32.0, (Double) c.value(0, "aggregateTokensPerSecond"), 1e-9);
    assertEquals(4 * 64 * 1000.0 / 6000, (Double) c.value(2, "aggregateTokensPerSecond"), 1e-9);
    assertEquals((4 * 64 * 1000.0 / 6000) / 32.0, (Double) c.value(2, "gain"), 1e-9);
    assertEquals("met", r.section("targets").value(4, "result"), "1.33x is above 1.17x");
  }

  @Test
  void overhead_twoLengths_slopePerTokenAndInterceptPerRequest() {
    JmhJson json = new JmhJson()
        .addAllocating("OverheadBenchmark.request", "avgt", 1, p("api", "BINDING", "model", "TINY_Q8_0", "tokens", "1"),
            "ms/op", 1000, 0.5)
        .addAllocating("OverheadBenchmark.request", "avgt", 1, p("api", "BINDING", "model", "TINY_Q8_0", "tokens", "128"),
            "ms/op", 128_000, 13.2)
        .add("OverheadBenchmark.request", "avgt", 1, p("api", "LLMUX", "model", "TINY_Q8_0", "tokens", "1"), "us/op", 700)
        .add("OverheadBenchmark.request", "avgt", 1, p("api", "LLMUX", "model", "TINY_Q8_0", "tokens", "128"), "ms/op",
            14.035);
    List<LlamaBenchResult> lb = List.of(new LlamaBenchResult("tiny-q8_0.gguf", 2, 0, 128, 12_500, 5, 12_000, "b"));
    Section o = report(json, lb).section("overhead");
    assertEquals(3, o.rows().size());
    assertEquals(0.1, (Double) o.value(0, "perTokenMillis"), 1e-9);
    assertEquals(0.4, (Double) o.value(0, "perRequestMillis"), 1e-9);
    assertEquals(0.08, (Double) o.value(0, "llamaBenchPerTokenMillis"), 1e-9);
    assertEquals(0.02, (Double) o.value(0, "perTokenOverLlamaBenchMillis"), 1e-9);
    assertEquals(1000.0, (Double) o.value(0, "bytesPerToken"), 1e-9);
    assertTrue(Double.isNaN((Double) o.value(1, "bytesPerToken")), "not profiled");
    assertEquals(0.105, (Double) o.value(1, "perTokenMillis"), 1e-9);
    assertEquals(0.005, (Double) o.value(2, "perTokenMillis"), 1e-9);
    assertEquals(0.195, (Double) o.value(2, "perRequestMillis"), 1e-9);
  }

  @Test
  void router_tabularPolicies_targetsFromMedianAndAllocation() {
    JmhJson json = new JmhJson()
        .addAllocating("RouterBenchmark.choose", "avgt", 1, p("policy", "rl.TabularQ"), "ns/op", 0, 40, 45, 500)
        .addAllocating("RouterBenchmark.choose", "avgt", 1, p("policy", "bandit.Ucb1"), "ns/op", 0, 60, 70, 65)
        .addAllocating("RouterBenchmark.choose", "avgt", 1, p("policy", "baseline.Random"), "ns/op", 48, 900, 900, 900)
        .addAllocating("RouterBenchmark.feedback", "avgt", 1, p("policy", "rl.TabularQ"), "ns/op", 0, 250, 260, 270)
        .addAllocating("RouterBenchmark.feedback", "avgt", 1, p("policy", "bandit.Ucb1"), "ns/op", 0, 100, 100, 100);
    Report r = report(json, List.of());
    Section router = r.section("router");
    assertEquals(3, router.rows().size());
    assertEquals(45.0, (Double) router.value(0, "chooseNanos"), 1e-9, "median, not the mean dragged up by 500");
    Section targets = r.section("targets");
    assertEquals("met", targets.value(1, "result"), "baselines do not count; tabular medians 45 and 65 ns, 0 B/op");
    assertEquals("missed", targets.value(2, "result"), "TabularQ feedback median 260 ns");
  }

  @Test
  void router_allocatingChoose_missed() {
    JmhJson json = new JmhJson()
        .addAllocating("RouterBenchmark.choose", "avgt", 1, p("policy", "bandit.Thompson"), "ns/op", 32, 50, 50, 50);
    assertEquals("missed", report(json, List.of()).section("targets").value(1, "result"));
  }

  @Test
  void routed_instantBackendOverheadAgainstModelAnswer() {
    JmhJson json = new JmhJson()
        .add("RoutedRequestBenchmark.direct", "avgt", 1, p("backend", "INSTANT"), "us/op", 1.0)
        .add("RoutedRequestBenchmark.routed", "avgt", 1, p("backend", "INSTANT"), "us/op", 3.0)
        .add("RoutedRequestBenchmark.direct", "ss", 1, p("backend", "QWEN2_5_0_5B_Q8_0"), "ms/op", 1000)
        .add("RoutedRequestBenchmark.routed", "ss", 1, p("backend", "QWEN2_5_0_5B_Q8_0"), "ms/op", 1001);
    Report r = report(json, List.of());
    Section routed = r.section("routed");
    assertEquals(2, routed.rows().size());
    assertEquals(0.002, (Double) routed.value(0, "overheadMillis"), 1e-12);
    assertEquals(0.001, (Double) routed.value(1, "overhead"), 1e-9);
    assertEquals("met", r.section("targets").value(3, "result"));
    assertTrue(((String) r.section("targets").value(3, "measured")).startsWith("2.000 µs"),
        (String) r.section("targets").value(3, "measured"));
  }

  @Test
  void firstToken_sampleMode_medianFromPercentiles() {
    JmhJson json = new JmhJson()
        .add("FirstTokenBenchmark.firstToken", "sample", 1, p("api", "BINDING", "model", "TINY_Q8_0"), "ms/op", 1, 2, 3)
        .add("FirstTokenBenchmark.firstToken", "sample", 1, p("api", "LLMUX", "model", "TINY_Q8_0"), "ms/op", 2, 3, 10);
    Section f = report(json, List.of()).section("firstToken");
    assertEquals(2.0, (Double) f.value(0, "bindingP50"), 1e-9);
    assertEquals(3.0, (Double) f.value(0, "llmuxP50"), 1e-9);
    assertEquals(1.0, (Double) f.value(0, "llmuxMinusBinding"), 1e-9);
  }

  @Test
  void markdown_allSections_machineAndTables() {
    String md = report(decode(new double[] {100}, new double[] {100}), List.of()).markdown();
    assertTrue(md.contains("| CPU | Test CPU, 2 processors, 8.0 GiB |"), md);
    assertTrue(md.contains("| native library | /lib/libjllama.so (bundled, CPU only), sha256 abcdef012345 |"), md);
    assertTrue(md.contains("| tiny-q8_0 | tg128 | 1280.0 | 1280.0 | 100.0% |"), md);
    assertTrue(md.contains("## Router overhead per call\n\nNot measured in this run."), md);
  }
}
