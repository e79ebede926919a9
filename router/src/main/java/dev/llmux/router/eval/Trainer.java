package dev.llmux.router.eval;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.SelfChecking;
import dev.llmux.router.sim.Progress;
import dev.llmux.router.sim.RunResult;
import dev.llmux.router.sim.Scenario;
import dev.llmux.router.sim.SimulatedEpisode;
import dev.llmux.router.sim.Simulator;
import java.util.List;

/** Trains one policy on a scenario, as {@code llmux router train} does. */
public final class Trainer {

  private Trainer() {}

  /**
   * What a training run did.
   *
   * @param policy the trained policy, not frozen: it can keep learning
   * @param run the training episodes
   * @param finalReward mean episode reward over the last tenth of the run
   * @param finalSuccess share solved over the last tenth of the run
   */
  public record Result(RoutingPolicy policy, RunResult run, double finalReward, double finalSuccess) {}

  /**
   * Makes the policy named by {@code spec} and trains it.
   *
   * @throws ConfigException when the spec is unknown or names the oracle (nothing to train)
   */
  public static Result train(Scenario scenario, RouterSettings settings, Reward reward, String spec, int episodes,
      long seed, Progress progress) {
    Registry registry = Registry.standard();
    if (registry.kind(spec) == Registry.Kind.ORACLE) {
      throw new ConfigException("the oracle knows the simulator's model and learns nothing: train "
          + "rl.TabularQ, bandit.Ucb1 or bandit.Thompson");
    }
    Simulator sim = new Simulator(scenario, settings, reward);
    RoutingPolicy policy = registry.create(spec, sim.context(Evaluation.policySeed(seed, spec)));
    return train(sim, policy, episodes, seed, progress);
  }

  /** Trains an existing policy (one loaded from a file, say) for more episodes. */
  public static Result train(Scenario scenario, RouterSettings settings, Reward reward, RoutingPolicy policy,
      int episodes, long seed, Progress progress) {
    return train(new Simulator(scenario, settings, reward), policy, episodes, seed, progress);
  }

  private static Result train(Simulator sim, RoutingPolicy policy, int episodes, long seed, Progress progress) {
    RunResult run = sim.run(policy, Evaluation.trainSeed(seed), episodes, progress);
    if (policy instanceof SelfChecking checking) {
      checking.check();
    }
    List<SimulatedEpisode> eps = run.episodes();
    int from = eps.size() - Math.max(1, eps.size() / 10);
    double reward = 0;
    double solved = 0;
    int n = 0;
    for (int i = Math.max(0, from); i < eps.size(); i++) {
      reward += eps.get(i).reward();
      solved += eps.get(i).solved() ? 1 : 0;
      n++;
    }
    return new Result(policy, run, n == 0 ? Double.NaN : reward / n, n == 0 ? Double.NaN : solved / n);
  }
}
