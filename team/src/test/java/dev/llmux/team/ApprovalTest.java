package dev.llmux.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ApprovalTest {

  private static Criterion named(List<Criterion> cs, String name) {
    return cs.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void check_soundPlan_everyCriterionPasses() {
    List<Criterion> cs = Approval.check(Plans.eight("write it"), Budget.DEFAULT);
    assertEquals(List.of("acceptance", "workspace", "budget", "parallel-files"), cs.stream().map(Criterion::name).toList());
    assertTrue(Approval.passed(cs), cs.toString());
  }

  @Test
  void check_missingAcceptance_namesTheSubtask() {
    Subtask bare = new Subtask("s2", "t", "spec", List.of("b.txt"), List.of(), List.of(), Size.SMALL);
    Criterion c = named(Approval.check(new Plan(List.of(Plans.sub("s1", "x"), bare)), Budget.DEFAULT), "acceptance");
    assertFalse(c.passed());
    assertEquals("no acceptance check in s2", c.detail());
  }

  @Test
  void check_networkAndOutsidePaths_refused() {
    Subtask net = new Subtask("s1", "t", "download it with curl https://example.com", List.of("a.txt"), List.of(),
        List.of("true"), Size.SMALL);
    Subtask abs = new Subtask("s2", "t", "spec", List.of("../b.txt"), List.of(), List.of("cat /etc/passwd"), Size.SMALL);
    Criterion c = named(Approval.check(new Plan(List.of(net, abs)), Budget.DEFAULT), "workspace");
    assertFalse(c.passed());
    assertTrue(c.detail().contains("s1 needs the network"), c.detail());
    assertTrue(c.detail().contains("s2 file '../b.txt' climbs out with .."), c.detail());
    assertTrue(c.detail().contains("s2 names a path outside the workspace: 'cat /etc/passwd'"), c.detail());
  }

  @Test
  void check_costOverBudget_fails() {
    Budget tight = new Budget(0.10, 0.01, 3, 3, 6); // 8 small subtasks x 4 steps x $0.01 = $0.32
    Criterion c = named(Approval.check(Plans.eight("x"), tight), "budget");
    assertFalse(c.passed());
    assertEquals("estimated $0.3200 (32 steps x $0.0100) of $0.1000", c.detail());
  }

  @Test
  void check_sharedFileInParallel_failsUnlessOrdered() {
    Subtask a = new Subtask("s1", "t", "spec", List.of("shared.txt"), List.of(), List.of("true"), Size.SMALL);
    Subtask b = new Subtask("s2", "t", "spec", List.of("shared.txt"), List.of(), List.of("true"), Size.SMALL);
    Criterion c = named(Approval.check(new Plan(List.of(a, b)), Budget.DEFAULT), "parallel-files");
    assertFalse(c.passed());
    assertEquals("s1 and s2 may run together and both touch shared.txt (order them)", c.detail());
    Subtask ordered = new Subtask("s2", "t", "spec", List.of("shared.txt"), List.of("s1"), List.of("true"), Size.SMALL);
    assertTrue(named(Approval.check(new Plan(List.of(a, ordered)), Budget.DEFAULT), "parallel-files").passed());
  }
}
