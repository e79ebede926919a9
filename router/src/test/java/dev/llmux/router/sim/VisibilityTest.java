package dev.llmux.router.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the simulated router sees of each task's difficulty: told, estimated from pooled prompts, hidden. */
class VisibilityTest {

  static final RouterSettings SETTINGS = RouterSettings.defaults();
  static final Scenario TOY = Scenarios.preset("toy");

  /** The first-attempt difficulty the router saw per episode, and the run. */
  static Map<Integer, Difficulty> seen(Simulator sim, List<SimulatedEpisode> out) {
    RoutingPolicy p = Registry.standard().create("baseline.Always(fast)", sim.context(1));
    Map<Integer, Difficulty> seen = new HashMap<>();
    RunResult run = sim.run(p, 5, 1500, Progress.NONE, (time, episode, context, decision) -> {
      if (context.attempt() == 0) {
        seen.putIfAbsent(episode, context.difficulty());
      }
    });
    out.addAll(run.episodes());
    return seen;
  }

  @Test
  void modes_runTheSameEpisodes_andShowWhatTheySay() {
    Simulator base = new Simulator(TOY, SETTINGS);
    List<SimulatedEpisode> told = new ArrayList<>();
    List<SimulatedEpisode> est = new ArrayList<>();
    List<SimulatedEpisode> blind = new ArrayList<>();
    Map<Integer, Difficulty> seenTold = seen(base.withVisibility(Visibility.TOLD), told);
    Map<Integer, Difficulty> seenEst = seen(base.withVisibility(Visibility.ESTIMATED), est);
    Map<Integer, Difficulty> seenBlind = seen(base.withVisibility(Visibility.BLIND), blind);
    int right = 0;
    int unknown = 0;
    for (int i = 0; i < told.size(); i++) {
      Difficulty truth = told.get(i).difficulty();
      assertEquals(truth, est.get(i).difficulty(), "same tasks in every mode");
      assertEquals(truth, blind.get(i).difficulty());
      assertEquals(told.get(i).solved(), blind.get(i).solved(), "same dice: a fixed policy solves the same episodes");
      assertEquals(truth, seenTold.get(i));
      assertEquals(Difficulty.UNKNOWN, seenBlind.get(i));
      right += seenEst.get(i) == truth ? 1 : 0;
      unknown += seenEst.get(i) == Difficulty.UNKNOWN ? 1 : 0;
    }
    double accuracy = right / (double) told.size();
    double unsure = unknown / (double) told.size();
    assertTrue(accuracy > 0.35 && accuracy < 0.9, "estimated = true in " + accuracy + " of episodes: an estimate, not the truth");
    assertTrue(unsure > 0.03 && unsure < 0.5, "unsure estimates route as UNKNOWN: " + unsure);
  }

  @Test
  void scenarioMode_realisticPresetHidesHalf_andHiddenOnesAreEstimated() {
    Scenario qwen = Scenarios.preset("qwen-coder");
    assertEquals(0.5, qwen.workload().difficultyVisible(), 1e-12);
    Simulator sim = new Simulator(qwen, SETTINGS);
    RoutingPolicy p = Registry.standard().create("baseline.Always(qwen-7b)", sim.context(1));
    List<Difficulty> first = new ArrayList<>();
    RunResult run = sim.run(p, 9, 2000, Progress.NONE, (time, episode, context, decision) -> {
      if (context.attempt() == 0) {
        first.add(context.difficulty());
      }
    });
    long unknown = first.stream().filter(d -> d == Difficulty.UNKNOWN).count();
    assertTrue(unknown > 20 && unknown < 600, "UNKNOWN first attempts: " + unknown + " of " + first.size());
    assertEquals(2000, run.episodes().size());
  }
}
