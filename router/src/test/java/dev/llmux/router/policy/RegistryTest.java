package dev.llmux.router.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RegistryTest {

  private final Registry registry = Registry.standard();
  private final PolicyContext context = PolicyContext.of(List.of("x", "y"), RouterSettings.defaults(), 1);

  @Test
  void names_listEveryPolicyFamily() {
    assertEquals(List.of("oracle", "rl.TabularQ", "bandit.Ucb1", "bandit.Thompson", "contextual.LinUcb", "baseline.Always",
        "baseline.Random", "baseline.Cascade", "baseline.RoundRobin"), registry.names());
  }

  @Test
  void create_eachNonOracleSpec_makesAPolicyOfThatName() {
    for (String spec : List.of("rl.TabularQ", "bandit.Ucb1", "bandit.Thompson", "baseline.Always(y)",
        "baseline.Random", "baseline.Cascade", "baseline.Cascade(y,x)", "baseline.RoundRobin")) {
      assertEquals(spec, registry.create(spec, context).name());
    }
  }

  @Test
  void create_unknownName_listsTheKnownOnes() {
    ConfigException e = assertThrows(ConfigException.class, () -> registry.create("rl.DeepQ", context));
    assertTrue(e.getMessage().contains("rl.TabularQ"), e.getMessage());
  }

  @Test
  void create_unknownName_listsTheAliasesToo() {
    ConfigException e = assertThrows(ConfigException.class, () -> registry.create("fixd:x", context));
    assertTrue(e.getMessage().contains("baseline.RoundRobin") && e.getMessage().contains("round-robin")
        && e.getMessage().contains("fixed:NAME"), e.getMessage());
  }

  @Test
  void create_fixedAlias_makesTheAlwaysPolicyOfThatBackend() {
    RoutingPolicy p = registry.create("fixed:y", context);
    assertEquals("baseline.Always(y)", p.name());
    assertEquals("y", p.choose(RouteContext.first(Difficulty.EASY), 0, 0b11).backend());
    assertEquals(Registry.Kind.BASELINE, registry.kind("fixed:y"));
  }

  @Test
  void create_fixedAliasWithoutABackend_needsTheArgument() {
    ConfigException e = assertThrows(ConfigException.class, () -> registry.create("fixed:", context));
    assertTrue(e.getMessage().contains("baseline.Always needs an argument"), e.getMessage());
    ConfigException unknown = assertThrows(ConfigException.class, () -> registry.create("fixed:zz", context));
    assertTrue(unknown.getMessage().contains("'zz'"), unknown.getMessage());
  }

  @Test
  void create_roundRobinAlias_makesTheRoundRobinPolicy() {
    assertEquals("baseline.RoundRobin", registry.create("round-robin", context).name());
    assertEquals("baseline.RoundRobin", registry.create("baseline.RoundRobin", context).name());
    assertThrows(ConfigException.class, () -> registry.create("round-robin(x)", context));
  }

  @Test
  void canonical_alias_givesTheRegisteredSpelling() {
    assertEquals("baseline.Always(x)", registry.canonical("fixed:x"));
    assertEquals("baseline.Always(x)", registry.canonical(" baseline.Always( x ) "));
    assertEquals("baseline.RoundRobin", registry.canonical("round-robin"));
    assertEquals("rl.TabularQ", registry.canonical("rl.TabularQ"));
    assertThrows(ConfigException.class, () -> registry.canonical("fixed"));
    assertEquals(List.of("round-robin", "fixed:NAME"), registry.aliases());
  }

  @Test
  void alias_ofAnUnknownPolicyOrATakenName_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> registry.alias("x", "rl.DeepQ"));
    assertThrows(IllegalArgumentException.class, () -> registry.alias("round-robin", "baseline.Random"));
    assertThrows(IllegalArgumentException.class, () -> registry.alias("bandit.Ucb1", "baseline.Random"));
  }

  @Test
  void create_argumentRules_areEnforced() {
    assertThrows(ConfigException.class, () -> registry.create("baseline.Always", context));
    assertThrows(ConfigException.class, () -> registry.create("rl.TabularQ(x)", context));
    assertThrows(ConfigException.class, () -> registry.create("baseline.Always(x", context));
  }

  @Test
  void comparison_putsTheOracleFirstThenLearnedThenTheBaselinesButRoundRobin() {
    assertEquals(List.of("oracle", "rl.TabularQ", "bandit.Ucb1", "bandit.Thompson", "contextual.LinUcb", "baseline.Always(x)",
        "baseline.Always(y)", "baseline.Random", "baseline.Cascade"), registry.comparison(List.of("x", "y")));
    assertEquals(Registry.Kind.LEARNED, registry.kind("bandit.Ucb1"));
    assertEquals(Registry.Kind.BASELINE, registry.kind("baseline.Always(x)"));
  }
}
