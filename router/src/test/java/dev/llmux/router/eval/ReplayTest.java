package dev.llmux.router.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.policy.Transition;
import dev.llmux.router.sim.Progress;
import dev.llmux.router.sim.Scenario;
import dev.llmux.router.sim.Scenarios;
import dev.llmux.router.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Off-policy estimates from the logs of one policy against the simulated value of another: the
 * simulated truth must land inside the estimate's 95% interval. First attempts only, whose states
 * do not depend on the policy (the estimators assume the logged state distribution).
 */
class ReplayTest {

  static final Scenario TOY = Scenarios.preset("toy");
  static final RouterSettings SETTINGS = RouterSettings.defaults();

  /** Wraps a policy and logs its first-attempt steps as the trajectory would. */
  static final class Recording implements RoutingPolicy {
    final RoutingPolicy inner;
    final List<Replay.Logged> logs = new ArrayList<>();

    Recording(RoutingPolicy inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public RouteDecision choose(RouteContext context, int state, int available) {
      return inner.choose(context, state, available);
    }

    @Override
    public void feedback(Transition t) {
      if (!t.outcome().backendFailure() && StateSpace.attemptBucket(StateSpace.requestOf(t.decision().state())) == 0) {
        logs.add(new Replay.Logged(t.decision().state(), t.action(), t.decision().probability(), t.reward()));
      }
      inner.feedback(t);
    }

    @Override
    public void freeze() {
      inner.freeze();
    }

    @Override
    public boolean frozen() {
      return inner.frozen();
    }

    double mean() {
      return logs.stream().mapToDouble(Replay.Logged::reward).average().orElseThrow();
    }
  }

  static Recording run(RoutingPolicy p, long seed, int episodes) {
    Simulator sim = new Simulator(TOY, SETTINGS);
    Recording r = new Recording(p);
    sim.run(r, seed, episodes, Progress.NONE);
    return r;
  }

  static RoutingPolicy create(String spec) {
    return Registry.standard().create(spec, new Simulator(TOY, SETTINGS).context(3));
  }

  static void assertCovers(List<Replay.Estimate> estimates, double truth) {
    System.out.println("[replay] simulated " + truth + " estimates " + estimates);
    for (Replay.Estimate e : estimates) {
      assertTrue(e.low() <= truth && truth <= e.high(),
          e.method() + " [" + e.low() + ", " + e.high() + "] misses the simulated " + truth);
      assertTrue(e.high() - e.low() < 0.2, e.method() + " interval too wide to mean anything: " + e);
    }
  }

  @Test
  void randomLogs_estimateAlwaysStrong() {
    Recording logged = run(create("baseline.Random"), 11, 8000);
    for (String target : List.of("baseline.Always(strong)", "baseline.Always(fast)")) {
      double truth = run(create(target), 12, 8000).mean();
      System.out.println("[replay] logging baseline.Random " + logged.mean() + ", target " + target);
      assertCovers(Replay.estimate(logged.logs, create(target), TOY.backendNames()), truth);
    }
  }

  @Test
  void randomLogs_estimateATrainedTabularQ() {
    RoutingPolicy q = Trainer.train(TOY, SETTINGS, TOY.reward(), "rl.TabularQ", 20000, 5, Progress.NONE).policy();
    q.freeze();
    Recording logged = run(create("baseline.Random"), 21, 8000);
    double truth = run(q, 22, 8000).mean();
    List<Replay.Estimate> e = Replay.estimate(logged.logs, q, TOY.backendNames());
    System.out.println("[replay] logging baseline.Random " + logged.mean() + ", target rl.TabularQ (trained, frozen)");
    assertCovers(e, truth);
    assertEquals("DR", e.get(1).method());
    assertTrue(e.get(1).high() - e.get(1).low() <= e.get(0).high() - e.get(0).low() + 1e-9,
        "the direct model narrows the interval: " + e);
  }

  @Test
  void read_agentTrajectoryLines(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("t.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"type\":\"step\",\"route\":{\"backend\":\"fast\",\"state\":3,\"reason\":\"explore\",\"probability\":0.25},"
            + "\"reward\":{\"value\":0.5,\"backendFailure\":false}}",
        "{\"type\":\"step\",\"route\":{\"backend\":\"strong\",\"state\":3,\"reason\":\"x\",\"probability\":1.0},"
            + "\"reward\":{\"value\":0.0,\"backendFailure\":true}}",
        "{\"type\":\"episode\",\"success\":true}", ""));
    List<Replay.Logged> logs = Replay.read(List.of(f), TOY.backendNames());
    assertEquals(1, logs.size(), "the failure and the episode line are not steps to replay");
    assertEquals(0.25, logs.get(0).probability());
    Files.writeString(f, "{\"type\":\"step\",\"route\":{\"backend\":\"gpt\",\"state\":3,\"probability\":1},"
        + "\"reward\":{\"value\":1}}\n");
    Replay.ReplayFileException e = assertThrows(Replay.ReplayFileException.class,
        () -> Replay.read(List.of(f), TOY.backendNames()));
    assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("gpt"), e.getMessage());
    Files.writeString(f, "nope\n");
    assertThrows(Replay.ReplayFileException.class, () -> Replay.read(List.of(f), TOY.backendNames()));
  }
}
