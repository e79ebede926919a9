package dev.llmux.agent;

import static dev.llmux.agent.TestDoubles.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.TestDoubles.ContentEvaluator;
import dev.llmux.agent.TestDoubles.ScriptedBackend;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RouterChoiceTest {

  private static final List<String> MOCKS = List.of("mock-fast", "mock-balanced", "mock-strong");

  /** An agent routing among scripted backends with these names, with the choice's policy. */
  private static Agent agent(RouterChoice choice, List<String> names) {
    Agent.Builder b = Agent.builder().evaluator(new ContentEvaluator("x", "x")).policySaver(choice.saver());
    for (String n : names) {
      b.backend(new ScriptedBackend(n, r -> answer("")));
    }
    return choice.applyTo(b).build();
  }

  @Test
  void of_registrySpecWithoutFile_makesALearningRouterThatSavesItsPolicy(@TempDir Path dir) {
    Path file = dir.resolve("policy.json");
    RouterChoice choice = RouterChoice.of("rl.TabularQ", MOCKS, file, true);
    assertTrue(choice.learns());
    Agent a = agent(choice, MOCKS);
    RouteDecision d = a.router().choose(RouteContext.first(RouteContext.Difficulty.EASY));
    assertTrue(MOCKS.contains(d.backend()));
    a.router().feedback(d, new Outcome(1, 0.5, 0, true, false, null));
    choice.saver().save(a.router());
    assertTrue(Files.exists(file));
    RouterChoice again = RouterChoice.of("rl.TabularQ", MOCKS, file, true);
    assertTrue(again.learns());
    assertEquals("rl.TabularQ", agent(again, MOCKS).router().policy().name());
  }

  @Test
  void of_learningPolicyWhoseFileIsMissing_withoutOnlineLearning_isAnErrorSayingHowToMakeOne(@TempDir Path dir) {
    Path file = dir.resolve("missing.json");
    AgentException e = assertThrows(AgentException.class, () -> RouterChoice.of("rl.TabularQ", MOCKS, file, false));
    assertTrue(e.getMessage().contains(file + " does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("llmux router train --policy rl.TabularQ --out " + file), e.getMessage());
    assertTrue(e.getMessage().contains("--learn"), e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void of_learningPolicyWhoseFileIsMissing_learningOnline_startsFresh(@TempDir Path dir) {
    RouterChoice choice = RouterChoice.of("rl.TabularQ", MOCKS, dir.resolve("missing.json"), true);
    assertTrue(choice.fresh());
    assertEquals("rl.TabularQ", agent(choice, MOCKS).router().policy().name());
    assertFalse(RouterChoice.of("round-robin", MOCKS, dir.resolve("missing.json"), false).fresh(),
        "a baseline reads no file");
  }

  @Test
  void applyTo_policyTrainedForOtherBackends_isAClearError(@TempDir Path dir) {
    Path file = dir.resolve("policy.json");
    List<String> others = List.of("fast", "balanced", "strong");
    RouterChoice trained = RouterChoice.of("rl.TabularQ", others, file, true);
    trained.saver().save(agent(trained, others).router());
    AgentException e = assertThrows(AgentException.class, () -> agent(RouterChoice.of("rl.TabularQ", MOCKS, file, true), MOCKS));
    assertTrue(e.getMessage().contains("[fast, balanced, strong]") && e.getMessage().contains("mock-tiers"), e.getMessage());
    AgentException other = assertThrows(AgentException.class,
        () -> agent(RouterChoice.of("bandit.Ucb1", others, file, true), others));
    assertTrue(other.getMessage().contains("rl.TabularQ"), other.getMessage());
  }

  @Test
  void of_unknownSpec_listsTheChoices() {
    AgentException e = assertThrows(AgentException.class, () -> RouterChoice.of("rl.Sarsa", MOCKS, null, true));
    assertTrue(e.getMessage().contains("rl.TabularQ") && e.getMessage().contains("round-robin"), e.getMessage());
  }

  @Test
  void of_roundRobin_doesNotLearn_andTakesTheBackendsInTurn() {
    RouterChoice choice = RouterChoice.of("round-robin", MOCKS, null, true);
    assertFalse(choice.learns());
    Agent a = agent(choice, MOCKS);
    RouteContext ctx = RouteContext.first(RouteContext.Difficulty.HARD);
    assertEquals("mock-fast", a.router().choose(ctx).backend());
    assertEquals("mock-balanced", a.router().choose(ctx).backend());
  }

  @Test
  void of_fixed_isAlwaysThatBackend_andAnUnknownNameIsRefused() {
    Agent a = agent(RouterChoice.of("fixed:mock-strong", MOCKS, null, true), MOCKS);
    for (int i = 0; i < 3; i++) {
      assertEquals("mock-strong", a.router().choose(RouteContext.first(RouteContext.Difficulty.EASY)).backend());
    }
    assertFalse(RouterChoice.of("fixed:mock-strong", MOCKS, null, true).learns());
    AgentException e = assertThrows(AgentException.class, () -> RouterChoice.of("fixed:gpt-9", MOCKS, null, true));
    assertTrue(e.getMessage().contains("gpt-9"), e.getMessage());
  }

  @Test
  void applyTo_baseline_neitherReadsNorWritesThePolicyFile(@TempDir Path dir) {
    Path file = dir.resolve("policy.json");
    List<String> others = List.of("fast", "balanced", "strong");
    RouterChoice trained = RouterChoice.of("rl.TabularQ", others, file, true);
    trained.saver().save(agent(trained, others).router());
    RouterChoice baseline = RouterChoice.of("round-robin", MOCKS, file, true);
    assertEquals("mock-fast", agent(baseline, MOCKS).router().choose(RouteContext.first(RouteContext.Difficulty.EASY)).backend());
    assertEquals(PolicySaver.NONE, baseline.saver());
  }
}
