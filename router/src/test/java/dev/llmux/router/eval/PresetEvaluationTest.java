package dev.llmux.router.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.Registry;
import dev.llmux.router.sim.Scenario;
import dev.llmux.router.sim.Scenarios;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The router's bar on every preset, with the shipped defaults: trained Q-learning comes within 3%
 * of the oracle's mean reward and beats every fixed baseline; and runs are reproducible.
 */
final class PresetEvaluationTest {

  static List<String> presets() {
    return Scenarios.presets();
  }

  private static List<String> oracleQAndBaselines(Scenario scenario) {
    Registry registry = Registry.standard();
    return registry.comparison(scenario.backendNames()).stream()
        .filter(s -> registry.kind(s) != Registry.Kind.LEARNED || s.equals("rl.TabularQ"))
        .collect(Collectors.toList());
  }

  @ParameterizedTest
  @MethodSource("presets")
  void run_preset_trainedQIsNearTheOracleAndAboveEveryBaseline(String preset) {
    Scenario scenario = Scenarios.preset(preset);
    EvaluationReport report = Evaluation.builder().scenario(scenario).policies(oracleQAndBaselines(scenario)).build().run();
    double oracle = report.result("oracle").meanReward();
    double q = report.result("rl.TabularQ").meanReward();
    assertTrue(q >= oracle - 0.03 * Math.abs(oracle), preset + ": Q " + q + " against the oracle's " + oracle);
    for (PolicyResult r : report.results()) {
      if (r.kind() == Registry.Kind.BASELINE) {
        assertTrue(q > r.meanReward(), preset + ": Q " + q + " not above " + r.policy() + " " + r.meanReward());
      }
    }
    assertTrue(oracle >= q - 0.01, preset + ": the oracle is the best in expectation");
  }

  @Test
  void run_sameSeed_givesTheSameReport() {
    Scenario toy = Scenarios.preset("toy");
    String a = ReportFormat.JSON.render(Evaluation.builder().scenario(toy).trainEpisodes(2000).evalEpisodes(500).seed(5).build().run());
    String b = ReportFormat.JSON.render(Evaluation.builder().scenario(toy).trainEpisodes(2000).evalEpisodes(500).seed(5).build().run());
    String c = ReportFormat.JSON.render(Evaluation.builder().scenario(toy).trainEpisodes(2000).evalEpisodes(500).seed(6).build().run());
    assertEquals(a, b);
    assertNotEquals(a, c);
  }
}
