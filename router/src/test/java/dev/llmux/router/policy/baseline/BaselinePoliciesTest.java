package dev.llmux.router.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class BaselinePoliciesTest {

  private static final PolicyContext CONTEXT = PolicyContext.of(List.of("a", "b", "c"), RouterSettings.defaults(), 3);

  private static RouteContext attempt(int k) {
    return new RouteContext(Difficulty.MEDIUM, k, k == 0 ? LastOutcome.NONE : LastOutcome.TESTS_FAILED, 10);
  }

  @Test
  void always_availableTarget_isChosenWithProbabilityOne() {
    AlwaysPolicy p = new AlwaysPolicy(CONTEXT, "b");
    RouteDecision d = p.choose(attempt(0), 0, 0b111);
    assertEquals("b", d.backend());
    assertEquals(1.0, d.probability());
    assertEquals("baseline.Always(b)", p.name());
  }

  @Test
  void always_unavailableTarget_fallsBackToTheFirstAvailable() {
    RouteDecision d = new AlwaysPolicy(CONTEXT, "a").choose(attempt(0), 0, 0b110);
    assertEquals("b", d.backend());
    assertTrue(d.reason().contains("unavailable"));
  }

  @Test
  void always_unknownBackend_isAConfigError() {
    ConfigException e = assertThrows(ConfigException.class, () -> new AlwaysPolicy(CONTEXT, "zz"));
    assertTrue(e.getMessage().contains("[a, b, c]"), e.getMessage());
  }

  @Test
  void cascade_escalatesOneRungPerAttemptAndStaysOnTheLast() {
    CascadePolicy p = new CascadePolicy(CONTEXT, "");
    assertEquals("a", p.choose(attempt(0), 0, 0b111).backend());
    assertEquals("b", p.choose(attempt(1), 0, 0b111).backend());
    assertEquals("c", p.choose(attempt(2), 0, 0b111).backend());
    assertEquals("c", p.choose(attempt(5), 0, 0b111).backend());
  }

  @Test
  void cascade_unavailableRung_isSkippedUpwardsThenDownwards() {
    CascadePolicy p = new CascadePolicy(CONTEXT, "");
    assertEquals("c", p.choose(attempt(1), 0, 0b101).backend());
    assertEquals("b", p.choose(attempt(2), 0, 0b011).backend());
  }

  @Test
  void cascade_explicitLadder_usesOnlyItsRungsInItsOrder() {
    CascadePolicy p = new CascadePolicy(CONTEXT, "c,a");
    assertEquals("c", p.choose(attempt(0), 0, 0b111).backend());
    assertEquals("a", p.choose(attempt(1), 0, 0b111).backend());
    assertEquals("baseline.Cascade(c,a)", p.name());
  }

  @Test
  void random_choosesEachAvailableBackendUniformly() {
    RandomPolicy p = new RandomPolicy(CONTEXT);
    Map<String, Integer> counts = new HashMap<>();
    int n = 30000;
    for (int i = 0; i < n; i++) {
      RouteDecision d = p.choose(attempt(0), 0, 0b101);
      assertEquals(0.5, d.probability());
      counts.merge(d.backend(), 1, Integer::sum);
    }
    assertEquals(2, counts.size(), "never the unavailable b");
    assertEquals(0.5, counts.get("a") / (double) n, 0.01);
  }

  @Test
  void roundRobin_allAvailable_takesTheBackendsInTurn() {
    RoundRobinPolicy p = new RoundRobinPolicy(CONTEXT);
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      RouteDecision d = p.choose(attempt(0), 0, 0b111);
      assertEquals(1.0, d.probability());
      order.append(d.backend());
    }
    assertEquals("abcabca", order.toString());
    assertEquals("baseline.RoundRobin", p.name());
  }

  @Test
  void roundRobin_unavailableOrExcluded_isSkipped() {
    RoundRobinPolicy p = new RoundRobinPolicy(CONTEXT);
    assertEquals("a", p.choose(attempt(0), 0, 0b111).backend());
    assertEquals("c", p.choose(attempt(0), 0, 0b101).backend(), "b is skipped");
    assertEquals("a", p.choose(attempt(0), 0, 0b111).backend(), "wraps around after c");
    assertEquals("b", p.choose(attempt(0), 0, 0b110).backend());
    assertEquals("b", p.choose(attempt(0), 0, 0b010).backend(), "the only one left, again");
  }
}
