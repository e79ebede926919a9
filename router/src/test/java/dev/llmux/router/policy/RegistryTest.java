package dev.llmux.router.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.RouterSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RegistryTest {

  private final Registry registry = Registry.standard();
  private final PolicyContext context = PolicyContext.of(List.of("x", "y"), RouterSettings.defaults(), 1);

  @Test
  void names_listEveryPolicyOfTheIssue() {
    assertEquals(List.of("oracle", "rl.TabularQ", "bandit.Ucb1", "bandit.Thompson", "baseline.Always",
        "baseline.Random", "baseline.Cascade"), registry.names());
  }

  @Test
  void create_eachNonOracleSpec_makesAPolicyOfThatName() {
    for (String spec : List.of("rl.TabularQ", "bandit.Ucb1", "bandit.Thompson", "baseline.Always(y)",
        "baseline.Random", "baseline.Cascade", "baseline.Cascade(y,x)")) {
      assertEquals(spec, registry.create(spec, context).name());
    }
  }

  @Test
  void create_unknownName_listsTheKnownOnes() {
    ConfigException e = assertThrows(ConfigException.class, () -> registry.create("rl.DeepQ", context));
    assertTrue(e.getMessage().contains("rl.TabularQ"), e.getMessage());
  }

  @Test
  void create_argumentRules_areEnforced() {
    assertThrows(ConfigException.class, () -> registry.create("baseline.Always", context));
    assertThrows(ConfigException.class, () -> registry.create("rl.TabularQ(x)", context));
    assertThrows(ConfigException.class, () -> registry.create("baseline.Always(x", context));
  }

  @Test
  void comparison_putsTheOracleFirstThenLearnedThenEveryBaseline() {
    assertEquals(List.of("oracle", "rl.TabularQ", "bandit.Ucb1", "bandit.Thompson", "baseline.Always(x)",
        "baseline.Always(y)", "baseline.Random", "baseline.Cascade"), registry.comparison(List.of("x", "y")));
    assertEquals(Registry.Kind.LEARNED, registry.kind("bandit.Ucb1"));
    assertEquals(Registry.Kind.BASELINE, registry.kind("baseline.Always(x)"));
  }
}
