package dev.llmux.router.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmux.router.eval.PolicyTable;
import dev.llmux.router.eval.Trainer;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.StateSpace;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's claim: on the toy preset the greedy policy converges to easy -> fast, hard -> strong. */
final class ToyConvergenceTest {

  private static final Scenario TOY = Scenarios.preset("toy");

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void train_toy_greedyPolicyRoutesEasyToFastAndHardToStrong(long seed) {
    RoutingPolicy q = Trainer.train(TOY, RouterSettings.defaults(), TOY.reward(), "rl.TabularQ", 5000, seed,
        Progress.NONE).policy();
    List<PolicyTable.Row> rows = PolicyTable.greedy(q, TOY.backendNames(), false);
    assertEquals("fast", firstChoice(rows, Difficulty.EASY));
    assertEquals("strong", firstChoice(rows, Difficulty.HARD));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void train_toy_firstChoicesMatchTheOracles(long seed) {
    RoutingPolicy q = Trainer.train(TOY, RouterSettings.defaults(), TOY.reward(), "rl.TabularQ", 5000, seed,
        Progress.NONE).policy();
    Simulator sim = new Simulator(TOY, RouterSettings.defaults());
    RoutingPolicy oracle = Registry.standard().create("oracle", sim.context(seed));
    sim.run(oracle, seed, 1, Progress.NONE);
    StateSpace space = new StateSpace(3);
    q.freeze();
    for (Difficulty d : List.of(Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD)) {
      RouteContext c = new RouteContext(d, 0, RouteContext.LastOutcome.NONE, 1000);
      int state = space.state(StateSpace.request(c), 0);
      assertEquals(oracle.choose(c, state, Masks.all(3)).backend(), q.choose(c, state, Masks.all(3)).backend(),
          "first attempt at a " + d + " task");
    }
  }

  private static String firstChoice(List<PolicyTable.Row> rows, Difficulty d) {
    return rows.stream().filter(r -> r.difficulty() == d && r.attempt() == 0).findFirst().orElseThrow().choice();
  }
}
