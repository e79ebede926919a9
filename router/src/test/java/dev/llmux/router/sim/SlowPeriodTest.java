package dev.llmux.router.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.Inspectable;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.sim.Scenario.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The toy's strong backend slows down four-fold for a while (or goes down) during online
 * learning: the policy must send hard tasks elsewhere within a bounded number of episodes (100),
 * and back within as many after. For the outage, what counts is the backend that finally took the
 * first attempt (the circuit breaker's probes fail over).
 */
final class SlowPeriodTest {

  private static final Scenario TOY = Scenarios.preset("toy");
  private static final double START = 240_000;
  private static final double END = 360_000;
  /** 100 episodes at the toy's mean gap of 60 s. */
  private static final double SETTLE = 100 * 60;

  private record Choice(double time, boolean strong) {}

  private static List<Choice> run(Scenario scenario, long seed, RoutingPolicy[] policyOut) {
    Simulator sim = new Simulator(scenario, RouterSettings.defaults());
    RoutingPolicy q = Registry.standard().create("rl.TabularQ", sim.context(seed));
    Inspectable learned = (Inspectable) q;
    policyOut[0] = q;
    List<Choice> choices = new ArrayList<>();
    sim.run(q, seed, 8000, Progress.NONE, (time, episode, context, decision) -> {
      if (context.difficulty() == Difficulty.HARD && context.attempt() == 0) {
        choices.add(new Choice(time, decision.backend().equals("strong")));
      }
    });
    return choices;
  }

  private static double share(List<Choice> choices, double from, double to) {
    List<Choice> in = choices.stream().filter(c -> c.time >= from && c.time < to).toList();
    assertTrue(in.size() > 30, "enough hard tasks between " + from + " and " + to);
    return in.stream().filter(Choice::strong).count() / (double) in.size();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void run_strongSlowsDown_hardTasksMoveAwayAndComeBack(long seed) {
    Scenario slow = TOY.withBackend(TOY.backends().get(2).withSlowPeriods(List.of(new Window(START, END, 4))));
    List<Choice> choices = run(slow, seed, new RoutingPolicy[1]);
    double before = share(choices, START / 2, START);
    double during = share(choices, START + SETTLE, END);
    double after = share(choices, END + SETTLE, Double.POSITIVE_INFINITY);
    assertTrue(before > 0.8, "before: " + before);
    assertTrue(during < 0.2, "during the slow period, after 100 episodes: " + during);
    assertTrue(after > 0.8, "100 episodes after the slow period: " + after);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void run_strongGoesDown_isNotLearnedAsBadAndIsUsedAgainAfter(long seed) {
    Scenario outage = TOY.withBackend(TOY.backends().get(2).withOutages(List.of(new Window(START, END, 1))));
    RoutingPolicy[] policy = new RoutingPolicy[1];
    StateSpace space = new StateSpace(3);
    int state = space.state(StateSpace.request(new RouteContext(Difficulty.HARD, 0, RouteContext.LastOutcome.NONE, 1000)), 0);
    double[] at = new double[4];
    long[] seen = new long[4];
    Simulator sim = new Simulator(outage, RouterSettings.defaults());
    RoutingPolicy q = Registry.standard().create("rl.TabularQ", sim.context(seed));
    Inspectable learned = (Inspectable) q;
    Map<Integer, Choice> last = new TreeMap<>();
    sim.run(q, seed, 8000, Progress.NONE, (time, episode, context, decision) -> {
      if (time < START) {
        at[0] = learned.value(state, 2);
        seen[0] = learned.experience(state, 2);
      } else if (time < END) {
        at[1] = learned.value(state, 2);
        seen[1] = learned.experience(state, 2);
      }
      if (context.difficulty() == Difficulty.HARD && context.attempt() == 0) {
        last.put(episode, new Choice(time, decision.backend().equals("strong")));
      }
    });
    List<Choice> choices = new ArrayList<>(last.values());
    assertEquals(seen[0], seen[1], "no update of strong's value during the outage");
    assertEquals(at[0], at[1], 0.0);
    assertTrue(share(choices, START + SETTLE, END) < 0.2, "hard tasks were answered elsewhere during the outage");
    double after = share(choices, END + SETTLE, Double.POSITIVE_INFINITY);
    assertTrue(after > 0.8, "after the outage: " + after);
  }
}
