package dev.llmux.router.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.sim.Scenario.Profile;
import dev.llmux.router.sim.Scenario.Window;
import dev.llmux.router.sim.Scenario.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SimulatorTest {

  private static final Scenario TOY = Scenarios.preset("toy");
  private static final RouterSettings SETTINGS = RouterSettings.defaults();

  private static RunResult run(Scenario scenario, String spec, long seed, int episodes) {
    Simulator sim = new Simulator(scenario, SETTINGS);
    RoutingPolicy policy = Registry.standard().create(spec, sim.context(seed));
    return sim.run(policy, seed, episodes, Progress.NONE);
  }

  @Test
  void run_sameSeed_givesTheSameEpisodes() {
    assertEquals(run(TOY, "rl.TabularQ", 9, 800), run(TOY, "rl.TabularQ", 9, 800));
  }

  @Test
  void run_otherSeed_givesOtherEpisodes() {
    assertNotEquals(run(TOY, "rl.TabularQ", 9, 800).episodes(), run(TOY, "rl.TabularQ", 10, 800).episodes());
  }

  @Test
  void run_samePolicySpecTwice_drawsTheSameTasksForEveryPolicy() {
    List<SimulatedEpisode> a = run(TOY, "baseline.Always(fast)", 3, 500).episodes();
    List<SimulatedEpisode> b = run(TOY, "baseline.Always(strong)", 3, 500).episodes();
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).difficulty(), b.get(i).difficulty());
    }
  }

  /**
   * Always "fast" solves an easy task unless the first try (0.92) and three retries fail; a retry
   * passes with 0.5 x (0.7 + 0.3 x 1.2) = 0.53 on average (30% of failures are partial, boosted
   * 1.2x). So P(solved) = 1 - 0.08 x 0.47^3 = 0.99170. Hard: first try 0.05, retries 0.02 x 1.06.
   */
  @Test
  void run_alwaysFast_solvesEasyTasksAtTheRateTheProfileImplies() {
    List<SimulatedEpisode> easy = run(TOY, "baseline.Always(fast)", 4, 8000).episodes().stream()
        .filter(e -> e.difficulty() == Difficulty.EASY).toList();
    double solved = easy.stream().filter(SimulatedEpisode::solved).count() / (double) easy.size();
    assertEquals(1 - 0.08 * Math.pow(0.47, 3), solved, 0.004);
    double hardExpected = 1 - 0.95 * Math.pow(1 - 0.02 * 1.06, 3);
    List<SimulatedEpisode> hard = run(TOY, "baseline.Always(fast)", 4, 8000).episodes().stream()
        .filter(e -> e.difficulty() == Difficulty.HARD).toList();
    assertEquals(hardExpected, hard.stream().filter(SimulatedEpisode::solved).count() / (double) hard.size(), 0.02);
  }

  /**
   * One attempt of "fast": (0.2 s + prompt / 4000) x e^(0.15^2/2) to the first token, then
   * tokens / 120 x e^(0.15^2/2); prompts have mean 1000 x e^(0.3^2/2), answers 300 x e^(0.3^2/2).
   */
  @Test
  void run_alwaysFast_oneAttemptTakesTheTimeTheProfileImplies() {
    List<SimulatedEpisode> once = run(TOY, "baseline.Always(fast)", 5, 8000).episodes().stream()
        .filter(e -> e.attempts() == 1).toList();
    double mean = once.stream().mapToDouble(SimulatedEpisode::latencySeconds).average().orElseThrow();
    double spread = Math.exp(0.15 * 0.15 / 2);
    double prompt = 1000 * Math.exp(0.09 / 2);
    double tokens = 300 * Math.exp(0.09 / 2);
    double expected = (0.2 + prompt / 4000) * spread + tokens / 120 * spread;
    assertEquals(expected, mean, expected * 0.02);
  }

  @Test
  void run_concurrentEpisodesOnABackendThatSlowsUnderLoad_takeLonger() {
    Profile fast = TOY.backends().get(0);
    Profile loaded = new Profile(fast.name(), fast.note(), fast.firstTry(), fast.retry(), fast.published(), fast.ttftSeconds(),
        fast.prefillTokensPerSecond(), fast.decodeTokensPerSecond(), fast.speedSigma(), fast.answerTokens(), fast.pricing(), 0, 2, 0.5,
        List.of(), Scenario.RandomWindows.NONE, List.of(), Scenario.RandomWindows.NONE, List.of());
    Workload w = TOY.workload();
    Workload busy = new Workload(w.mix(), w.difficultyVisible(), w.difficultyLogits(), w.maxAttempts(), w.promptTokens(),
        w.promptGrowthPerAttempt(), w.answerTokens(), w.partialShare(), w.partialBoost(), 1.0, w.breakerFailures(),
        w.breakerCooldownSeconds());
    Scenario quiet = TOY.withBackend(loaded);
    Scenario crowded = quiet.withWorkload(busy);
    double calm = mean(run(quiet, "baseline.Always(fast)", 6, 2000));
    double rush = mean(run(crowded, "baseline.Always(fast)", 6, 2000));
    assertTrue(rush > 1.5 * calm, "crowded " + rush + " s against quiet " + calm + " s");
  }

  private static double mean(RunResult r) {
    return r.episodes().stream().mapToDouble(SimulatedEpisode::latencySeconds).average().orElseThrow();
  }

  @Test
  void run_outage_failsOverAndTheCircuitBreakerLimitsWastedCalls() {
    double start = 60_000;
    double end = 180_000;
    Scenario outage = TOY.withBackend(TOY.backends().get(2).withOutages(List.of(new Window(start, end, 1))));
    RunResult r = run(outage, "baseline.Always(strong)", 7, 5000);
    int failures = r.episodes().stream().mapToInt(SimulatedEpisode::backendFailures).sum();
    long during = r.episodes().stream().filter(e -> e.backendFailures() > 0).count();
    assertTrue(failures > 0);
    assertTrue(failures <= (end - start) / (16 * TOY.workload().breakerCooldownSeconds()) + 10,
        failures + " failed calls in a " + (end - start) + " s outage: the breaker backs off");
    assertTrue(r.answersPerBackend().get(0) > 1000, "fell back to the first available backend");
    assertTrue(r.episodes().stream().noneMatch(SimulatedEpisode::unavailable));
    assertTrue(during < r.episodes().size());
  }
}
