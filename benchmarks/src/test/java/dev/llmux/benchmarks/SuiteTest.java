package dev.llmux.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.benchmarks.report.JmhResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

final class SuiteTest {

  @Test
  void plans_quick_decodeOnTinyAndHalfBillionThenMicro() throws Exception {
    List<Suite.Plan> plans = Suite.plans(true, new CommandLineOptions());
    assertEquals(2, plans.size());
    assertEquals(List.of("TINY_Q8_0", "QWEN2_5_0_5B_Q8_0"), plans.get(0).params().get("model"));
    assertTrue(plans.get(0).includes().get(0).contains("DecodeBenchmark"));
    assertTrue(plans.get(1).includes().get(0).contains("RouterBenchmark"));
    assertEquals(List.of(BenchModel.TINY_Q8_0, BenchModel.QWEN2_5_0_5B_Q8_0), plans.get(0).models());
  }

  @Test
  void plans_full_everyBenchmarkOnThreeModels() throws Exception {
    List<Suite.Plan> plans = Suite.plans(false, new CommandLineOptions());
    assertEquals(1, plans.size());
    assertTrue("dev.llmux.benchmarks.PromptBenchmark.prompt".matches(plans.get(0).includes().get(0) + ".*"));
    assertEquals(3, plans.get(0).models().size());
  }

  @Test
  void plans_userModelParameter_onlyThoseModels() throws Exception {
    List<Suite.Plan> plans = Suite.plans(true, new CommandLineOptions("-p", "model=TINY_Q8_0"));
    assertEquals(List.of(BenchModel.TINY_Q8_0), plans.get(0).models());
    assertTrue(plans.get(0).params().isEmpty(), "the command line's -p applies as given");
  }

  @Test
  void plans_userRegex_oneCustomRun() throws Exception {
    List<Suite.Plan> plans = Suite.plans(true, new CommandLineOptions("OverheadBenchmark"));
    assertEquals(1, plans.size());
    assertEquals("custom", plans.get(0).name());
    assertTrue(plans.get(0).models().isEmpty(), "no model generated up front for a regex that may need none");
  }

  @Test
  void measured_results_modelsAndRoutedBackendsInEnumOrder() throws Exception {
    Path file = Files.createTempFile("jmh", ".json");
    Files.writeString(file, "[{\"benchmark\":\"dev.llmux.benchmarks.RoutedRequestBenchmark.direct\","
        + "\"params\":{\"backend\":\"QWEN2_5_0_5B_Q8_0\"},\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"us/op\"}},"
        + "{\"benchmark\":\"dev.llmux.benchmarks.DecodeBenchmark.decode\",\"params\":{\"model\":\"TINY_Q8_0\"},"
        + "\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"ms/op\"}},"
        + "{\"benchmark\":\"dev.llmux.benchmarks.RouterBenchmark.choose\",\"params\":{\"policy\":\"rl.TabularQ\"},"
        + "\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"ns/op\"}}]");
    try {
      assertEquals(List.of(BenchModel.TINY_Q8_0, BenchModel.QWEN2_5_0_5B_Q8_0),
          Suite.measured(JmhResult.read(file)));
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void run_unknownThreads_usageError() {
    assertEquals(2, Suite.run(new String[] {"--threads", "many"}));
  }
}
