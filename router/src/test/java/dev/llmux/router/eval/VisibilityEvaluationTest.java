package dev.llmux.router.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.sim.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code router eval}'s second table: the same episodes told, estimated from text, and blind. */
class VisibilityEvaluationTest {

  @Test
  void qwenCoder_tabularQ_theEstimateRecoversPartOfTheGap() {
    EvaluationReport report = Evaluation.builder()
        .scenario(Scenarios.preset("qwen-coder"))
        .policies(List.of("rl.TabularQ", "baseline.Always(qwen-7b)"))
        .trainEpisodes(30000)
        .evalEpisodes(3000)
        .visibility(true)
        .build()
        .run();
    assertEquals(2, report.visibility().size());
    VisibilityResult q = report.visibility().get(0);
    assertEquals("rl.TabularQ", q.policy());
    assertTrue(q.toldReward() > q.blindReward() + 0.01, "knowing the difficulty is worth something: " + q);
    assertTrue(q.estimatedReward() > q.blindReward(), "the estimate helps: " + q);
    assertTrue(q.recovered() > 0 && q.recovered() <= 1.2, q.toString());
    VisibilityResult always = report.visibility().get(1);
    assertEquals(always.toldReward(), always.blindReward(), 1e-12, "a fixed choice does not care");
    assertTrue(Double.isNaN(always.recovered()));
    String table = ReportFormat.TABLE.render(report);
    assertTrue(table.contains("told / estimated from text / hidden"), table);
    assertTrue(ReportFormat.JSON.render(report).contains("\"estimatedReward\""));
  }

  @Test
  void withoutVisibility_theReportHasNoSecondTable() {
    EvaluationReport report = Evaluation.builder().scenario(Scenarios.preset("toy"))
        .policies(List.of("baseline.Always(fast)")).trainEpisodes(0).evalEpisodes(200).build().run();
    assertTrue(report.visibility().isEmpty());
    assertTrue(!ReportFormat.TABLE.render(report).contains("estimated from text"));
  }
}
