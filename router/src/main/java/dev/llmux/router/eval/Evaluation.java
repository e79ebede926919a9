package dev.llmux.router.eval;

import dev.llmux.router.internal.Seeds;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.SelfChecking;
import dev.llmux.router.sim.Progress;
import dev.llmux.router.sim.RunResult;
import dev.llmux.router.sim.Scenario;
import dev.llmux.router.sim.Simulator;
import dev.llmux.router.sim.Visibility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares policies on a scenario: each learned policy trains on its own run of training
 * episodes, is frozen, and then every policy, the oracle and the baselines included, runs the
 * same fresh evaluation episodes (another seed). Reports success, latency (mean and p95), cost,
 * mean reward, regret to the oracle, and the share of the always-cheapest to always-strongest gap
 * recovered. Deterministic: the same settings and seed give the same report.
 *
 * <p>Training and the main evaluation show the router the difficulty as the scenario says
 * ({@link Visibility#SCENARIO}); with {@link Builder#visibility(boolean)} each frozen policy also
 * runs the same evaluation episodes told, estimated from text and blind.
 */
public final class Evaluation {

  /** Hears when a phase of the evaluation starts, for progress bars. */
  @FunctionalInterface
  public interface Listener {
    /** Ignores phases. */
    Listener NONE = (policy, phase, episodes) -> Progress.NONE;

    /** A phase starts ({@code "train"} or {@code "eval"}); returns where its progress goes. */
    Progress started(String policy, String phase, int episodes);
  }

  private final Builder b;

  private Evaluation(Builder b) {
    this.b = b;
  }

  /** A builder; see its methods for the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The seed of the training episodes for {@code seed}. */
  public static long trainSeed(long seed) {
    return Seeds.mix(seed, 1);
  }

  /** The seed of the evaluation episodes for {@code seed}. */
  public static long evalSeed(long seed) {
    return Seeds.mix(seed, 2);
  }

  /** The seed of a policy's own random choices. */
  public static long policySeed(long seed, String spec) {
    return Seeds.mix(seed, 1000L + spec.hashCode());
  }

  /** Runs the comparison. */
  public EvaluationReport run() {
    Scenario scenario = b.scenario;
    Reward reward = b.reward == null ? scenario.reward() : b.reward;
    Simulator sim = new Simulator(scenario, b.settings, reward);
    Registry registry = Registry.standard();
    List<String> specs = b.policies.isEmpty() ? registry.comparison(scenario.backendNames()) : b.policies;
    List<PolicyResult> results = new ArrayList<>();
    List<VisibilityResult> visibility = new ArrayList<>();
    for (String spec : specs) {
      RoutingPolicy policy = registry.create(spec, sim.context(policySeed(b.seed, spec)));
      Registry.Kind kind = registry.kind(spec);
      List<Double> curve = List.of();
      int window = 0;
      if (kind == Registry.Kind.LEARNED && b.trainEpisodes > 0) {
        RunResult training = sim.run(policy, trainSeed(b.seed), b.trainEpisodes,
            b.listener.started(policy.name(), "train", b.trainEpisodes));
        window = Math.max(1, b.trainEpisodes / b.curvePoints);
        curve = curve(training, window);
      }
      results.add(evaluate(sim, policy, policy.name(), kind, curve, window));
      if (b.visibility) {
        visibility.add(visibility(sim, policy, policy.name()));
      }
    }
    for (Map.Entry<String, RoutingPolicy> e : b.extra.entrySet()) {
      results.add(evaluate(sim, e.getValue(), e.getKey(), Registry.Kind.LEARNED, List.of(), 0));
      if (b.visibility) {
        visibility.add(visibility(sim, e.getValue(), e.getKey()));
      }
    }
    return compare(scenario, reward, results, visibility);
  }

  /** The frozen policy on the evaluation episodes told, estimated and blind. */
  private VisibilityResult visibility(Simulator sim, RoutingPolicy policy, String label) {
    double[] reward = new double[3];
    double[] success = new double[3];
    Visibility[] modes = {Visibility.TOLD, Visibility.ESTIMATED, Visibility.BLIND};
    for (int i = 0; i < modes.length; i++) {
      RunResult run = sim.withVisibility(modes[i]).run(policy, evalSeed(b.seed), b.evalEpisodes,
          b.listener.started(label, "eval " + modes[i].name().toLowerCase(java.util.Locale.ROOT), b.evalEpisodes));
      PolicyResult r = PolicyResult.of(label, Registry.Kind.LEARNED, run, List.of(), 0);
      reward[i] = r.meanReward();
      success[i] = r.successRate();
    }
    return new VisibilityResult(label, reward[0], reward[1], reward[2], success[0], success[1], success[2]);
  }

  private PolicyResult evaluate(
      Simulator sim, RoutingPolicy policy, String label, Registry.Kind kind, List<Double> curve, int window) {
    policy.freeze();
    RunResult run = sim.run(policy, evalSeed(b.seed), b.evalEpisodes, b.listener.started(label, "eval", b.evalEpisodes));
    if (policy instanceof SelfChecking checking) {
      checking.check();
    }
    return PolicyResult.of(label, kind, run, curve, window);
  }

  private static List<Double> curve(RunResult run, int window) {
    List<Double> points = new ArrayList<>();
    var eps = run.episodes();
    for (int start = 0; start + window <= eps.size(); start += window) {
      double sum = 0;
      for (int i = start; i < start + window; i++) {
        sum += eps.get(i).reward();
      }
      points.add(sum / window);
    }
    return points;
  }

  private EvaluationReport compare(Scenario scenario, Reward reward, List<PolicyResult> results,
      List<VisibilityResult> visibility) {
    PolicyResult oracle = results.stream().filter(r -> r.kind() == Registry.Kind.ORACLE).findFirst().orElse(null);
    String cheapestName = "baseline.Always(" + scenario.backendNames().get(0) + ")";
    PolicyResult cheapest = results.stream().filter(r -> r.policy().equals(cheapestName)).findFirst().orElse(null);
    PolicyResult strongest = null;
    for (PolicyResult r : results) {
      if (r.policy().startsWith("baseline.Always(") && (strongest == null || r.successRate() > strongest.successRate())) {
        strongest = r;
      }
    }
    List<PolicyResult> compared = new ArrayList<>();
    for (PolicyResult r : results) {
      double regret = oracle == null ? Double.NaN : oracle.meanReward() - r.meanReward();
      double gap = Double.NaN;
      if (cheapest != null && strongest != null && strongest.successRate() > cheapest.successRate()) {
        gap = (r.successRate() - cheapest.successRate()) / (strongest.successRate() - cheapest.successRate());
      }
      compared.add(r.compared(regret, gap));
    }
    return new EvaluationReport(scenario.name(), scenario.description(), scenario.backendNames(), reward,
        b.trainEpisodes, b.evalEpisodes, b.seed, compared,
        cheapest == null ? "" : cheapest.policy(), strongest == null ? "" : strongest.policy(), visibility);
  }

  /** Builds an {@link Evaluation}. */
  public static final class Builder {
    private Scenario scenario;
    private RouterSettings settings = RouterSettings.defaults();
    private Reward reward;
    private List<String> policies = List.of();
    private final Map<String, RoutingPolicy> extra = new LinkedHashMap<>();
    private int trainEpisodes = RouterSettings.defaults().training().episodes();
    private int evalEpisodes = RouterSettings.defaults().training().evalEpisodes();
    private long seed = RouterSettings.defaults().training().seed();
    private int curvePoints = 100;
    private Listener listener = Listener.NONE;
    private boolean visibility;

    private Builder() {}

    /**
     * Whether to also run every frozen policy on the evaluation episodes with the difficulty told,
     * estimated from text and hidden (default false; three more evaluation runs per policy).
     */
    public Builder visibility(boolean on) {
      this.visibility = on;
      return this;
    }

    /** The scenario to simulate. Required. */
    public Builder scenario(Scenario s) {
      this.scenario = Objects.requireNonNull(s, "scenario");
      return this;
    }

    /** Tunables (default {@link RouterSettings#defaults()}); also the default episode counts and seed. */
    public Builder settings(RouterSettings s) {
      this.settings = Objects.requireNonNull(s, "settings");
      this.trainEpisodes = s.training().episodes();
      this.evalEpisodes = s.training().evalEpisodes();
      this.seed = s.training().seed();
      return this;
    }

    /** The reward (default: the scenario's). */
    public Builder reward(Reward r) {
      this.reward = Objects.requireNonNull(r, "reward");
      return this;
    }

    /** The policies to compare, as registry specs (default: {@link Registry#comparison}). */
    public Builder policies(List<String> specs) {
      this.policies = List.copyOf(specs);
      return this;
    }

    /** Adds a ready policy (from a file, say), evaluated frozen without training under {@code label}. */
    public Builder extra(String label, RoutingPolicy policy) {
      extra.put(Objects.requireNonNull(label, "label"), Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /** Training episodes per learned policy (default from the settings: 50000). */
    public Builder trainEpisodes(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("training episodes must be 0 or more, not " + n);
      }
      this.trainEpisodes = n;
      return this;
    }

    /** Evaluation episodes per policy (default from the settings: 5000). */
    public Builder evalEpisodes(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("evaluation episodes must be 1 or more, not " + n);
      }
      this.evalEpisodes = n;
      return this;
    }

    /** The seed everything derives from (default from the settings: 42). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Points on each learning curve (default 100). */
    public Builder curvePoints(int n) {
      this.curvePoints = Math.max(1, n);
      return this;
    }

    /** Hears phases starting (default: nothing). */
    public Builder listener(Listener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** The evaluation, ready to run. */
    public Evaluation build() {
      Objects.requireNonNull(scenario, "scenario");
      return new Evaluation(this);
    }
  }
}
