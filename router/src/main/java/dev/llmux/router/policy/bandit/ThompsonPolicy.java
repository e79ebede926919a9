package dev.llmux.router.policy.bandit;

import dev.llmux.router.policy.DecisionCache;
import dev.llmux.router.policy.Inspectable;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.Persistable;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.PolicyState;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.SelfChecking;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.policy.Transition;
import java.util.SplittableRandom;

/**
 * Thompson sampling per state with a Gaussian model: each backend's mean reward has the prior
 * {@code N(0, priorSigma^2)}, one reward is that mean plus noise of known deviation {@code
 * noiseSigma}, and each choice draws a mean from every available backend's posterior and takes the
 * highest (W. R. Thompson, Biometrika 25, 1933; D. Russo et al., "A Tutorial on Thompson
 * Sampling", 2018, section 4). Statistics are kept per factored key of {@link StateSpace#key}.
 * Myopic: it learns each step's own reward.
 *
 * <p>A Thompson choice has no closed-form probability; the decision reports an estimate from
 * {@code probabilityDraws} further posterior draws (the real draw counting as one), so each
 * choice allocates its decision. Frozen, it picks the highest posterior mean.
 */
public final class ThompsonPolicy implements RoutingPolicy, Persistable, Inspectable, SelfChecking {

  /** The policy's registry name. */
  public static final String NAME = "bandit.Thompson";

  private final StateSpace space;
  private final int backends;
  private final RouterSettings.Thompson settings;
  private final SplittableRandom random;
  private final int greedyKind;
  private final DecisionCache decisions;
  private final String[] names;
  private long[] counts;
  private double[] sums;
  private long updates;
  private boolean frozen;

  /** A policy with only its prior. */
  public ThompsonPolicy(PolicyContext context) {
    this.space = context.space();
    this.backends = context.backends().size();
    this.settings = context.settings().thompson();
    this.random = new SplittableRandom(context.seed());
    this.names = context.backends().toArray(new String[0]);
    // One cached decision per (state, backend, number of winning draws): choose allocates nothing.
    this.greedyKind = settings.probabilityDraws() + 2;
    this.decisions = new DecisionCache(context.backends(), greedyKind + 1);
    this.counts = new long[space.keys()];
    this.sums = new double[space.keys()];
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RouteDecision choose(RouteContext context, int state, int available) {
    if (frozen) {
      int best = -1;
      double bestMean = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < backends; a++) {
        if (Masks.has(available, a) && posteriorMean(space.key(state, a)) > bestMean) {
          bestMean = posteriorMean(space.key(state, a));
          best = a;
        }
      }
      return decisions.get(state, best, greedyKind, "greedy", 1.0);
    }
    int chosen = sample(state, available);
    int wins = 1;
    for (int i = 0; i < settings.probabilityDraws(); i++) {
      if (sample(state, available) == chosen) {
        wins++;
      }
    }
    double probability = wins / (double) (settings.probabilityDraws() + 1);
    return decisions.get(state, chosen, wins, "sample", probability);
  }

  private int sample(int state, int available) {
    int best = -1;
    double bestDraw = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < backends; a++) {
      if (Masks.has(available, a)) {
        int key = space.key(state, a);
        double precision = 1 / sq(settings.priorSigma()) + counts[key] / sq(settings.noiseSigma());
        double mean = (sums[key] / sq(settings.noiseSigma())) / precision;
        double draw = mean + random.nextGaussian() / Math.sqrt(precision);
        if (draw > bestDraw) {
          bestDraw = draw;
          best = a;
        }
      }
    }
    return best;
  }

  private double posteriorMean(int key) {
    double precision = 1 / sq(settings.priorSigma()) + counts[key] / sq(settings.noiseSigma());
    return (sums[key] / sq(settings.noiseSigma())) / precision;
  }

  private static double sq(double x) {
    return x * x;
  }

  @Override
  public void feedback(Transition t) {
    if (frozen || t.outcome().backendFailure()) {
      return;
    }
    int key = space.key(t.decision().state(), t.action());
    counts[key]++;
    sums[key] += t.reward();
    updates++;
  }

  @Override
  public void freeze() {
    frozen = true;
  }

  @Override
  public boolean frozen() {
    return frozen;
  }

  @Override
  public double value(int state, int action) {
    int key = space.key(state, action);
    return counts[key] == 0 ? Double.NaN : sums[key] / counts[key];
  }

  @Override
  public long experience(int state, int action) {
    return counts[space.key(state, action)];
  }

  /** Steps learned from. */
  public long updates() {
    return updates;
  }

  @Override
  public PolicyState save() {
    return Tables.save(counts, "sums", sums);
  }

  @Override
  public void restore(PolicyState state) {
    long[] newCounts = state.counts("counts", counts.length);
    double[] newValues = state.numbers("sums", sums.length);
    counts = newCounts;
    sums = newValues;
    updates = Tables.total(counts);
  }

  @Override
  public void check() {
    Tables.check(NAME, counts, "sums", sums, updates);
  }
}
