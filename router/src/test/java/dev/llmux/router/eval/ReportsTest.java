package dev.llmux.router.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.router.sim.Scenarios;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ReportsTest {

  private static EvaluationReport report;

  @TempDir Path dir;

  @BeforeAll
  static void evaluate() {
    report = Evaluation.builder().scenario(Scenarios.preset("toy")).trainEpisodes(3000).evalEpisodes(1000).seed(3)
        .curvePoints(30).build().run();
  }

  @Test
  void json_holdsEveryPolicyWithItsFiguresAndCurve() throws Exception {
    JsonNode root = new ObjectMapper().readTree(ReportFormat.JSON.render(report));
    assertEquals("toy", root.get("scenario").asText());
    assertEquals(report.results().size(), root.get("results").size());
    JsonNode q = root.get("results").get(1);
    assertEquals("rl.TabularQ", q.get("policy").asText());
    assertEquals("learned", q.get("kind").asText());
    assertEquals(30, q.get("learningCurve").size());
    assertEquals(report.result("rl.TabularQ").meanReward(), q.get("meanReward").asDouble(), 1e-12);
    double shares = 0;
    for (String b : List.of("fast", "balanced", "strong")) {
      shares += q.get("backendShare").get(b).asDouble();
    }
    assertEquals(1, shares, 1e-9);
    assertTrue(root.get("results").get(0).get("learningCurve").isEmpty(), "the oracle is not trained");
  }

  @Test
  void table_hasAHeaderAndOneRowPerPolicy() {
    String table = ReportFormat.TABLE.render(report);
    assertTrue(table.contains("policy") && table.contains("regret") && table.contains("PGR"), table);
    for (PolicyResult r : report.results()) {
      assertTrue(table.lines().anyMatch(l -> l.startsWith(r.policy() + " ")), r.policy());
    }
  }

  @Test
  void comparison_regretIsToTheOracleAndGapRecoveredSpansCheapestToStrongest() {
    assertEquals(0, report.result("oracle").regret(), 1e-12);
    assertEquals("baseline.Always(fast)", report.cheapest());
    assertEquals(0, report.result(report.cheapest()).gapRecovered(), 1e-12);
    assertEquals(1, report.result(report.strongest()).gapRecovered(), 1e-12);
    PolicyResult q = report.result("rl.TabularQ");
    assertEquals(report.result("oracle").meanReward() - q.meanReward(), q.regret(), 1e-12);
  }

  @Test
  void charts_writeThreeDrawnPngs() throws Exception {
    List<Path> files = Charts.write(report, dir);
    assertEquals(3, files.size());
    for (Path f : files) {
      assertTrue(Files.size(f) > 1000, f.toString());
      BufferedImage image = ImageIO.read(f.toFile());
      assertEquals(1100, image.getWidth());
      int dark = 0;
      for (int x = 0; x < image.getWidth(); x += 3) {
        for (int y = 0; y < image.getHeight(); y += 3) {
          if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
            dark++;
          }
        }
      }
      assertTrue(dark > 500, f + " looks blank");
    }
  }

  @Test
  void policyTable_showsTheSeedsRouting() {
    var q = Trainer.train(Scenarios.preset("toy"), dev.llmux.router.policy.RouterSettings.defaults(),
        Scenarios.preset("toy").reward(), "rl.TabularQ", 4000, 1, dev.llmux.router.sim.Progress.NONE).policy();
    List<PolicyTable.Row> rows = PolicyTable.greedy(q, List.of("fast", "balanced", "strong"), false);
    String summary = PolicyTable.summary(rows);
    assertTrue(summary.startsWith("easy -> fast, medium -> "), summary);
    assertTrue(summary.contains("hard -> strong"), summary);
    assertTrue(PolicyTable.render(rows).contains("untrained"), "unknown difficulty never came up in training");
  }
}
