package dev.llmux.router.policy.bandit;

import dev.llmux.router.policy.DecisionCache;
import dev.llmux.router.policy.Inspectable;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.Persistable;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.PolicyState;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.SelfChecking;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.policy.Transition;

/**
 * UCB1 per state: each untried backend first, then the one with the highest mean reward plus
 * {@code c * sqrt(2 ln N / n)}, where {@code n} counts that backend's steps in the state and
 * {@code N} those of all available backends (P. Auer, N. Cesa-Bianchi, P. Fischer, "Finite-time
 * Analysis of the Multiarmed Bandit Problem", Machine Learning 47, 2002). Statistics are kept per
 * factored key of {@link StateSpace#key}. Myopic: it learns each step's own reward. Deterministic,
 * so every decision has probability 1. Frozen, it picks the highest mean.
 */
public final class Ucb1Policy implements RoutingPolicy, Persistable, Inspectable, SelfChecking {

  /** The policy's registry name. */
  public static final String NAME = "bandit.Ucb1";

  private static final int UNTRIED = 0;
  private static final int BOUND = 1;
  private static final int GREEDY = 2;

  private final StateSpace space;
  private final int backends;
  private final double c;
  private final DecisionCache decisions;
  private long[] counts;
  private double[] means;
  private long updates;
  private boolean frozen;

  /** A policy that has tried nothing. */
  public Ucb1Policy(PolicyContext context) {
    this.space = context.space();
    this.backends = context.backends().size();
    this.c = context.settings().ucb1().c();
    this.decisions = new DecisionCache(context.backends(), 3);
    this.counts = new long[space.keys()];
    this.means = new double[space.keys()];
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RouteDecision choose(RouteContext context, int state, int available) {
    long total = 0;
    for (int a = 0; a < backends; a++) {
      if (Masks.has(available, a)) {
        long n = counts[space.key(state, a)];
        if (n == 0 && !frozen) {
          return decisions.get(state, a, UNTRIED, "untried", 1.0);
        }
        total += n;
      }
    }
    double logTotal = Math.log(Math.max(total, 1));
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < backends; a++) {
      if (Masks.has(available, a)) {
        int key = space.key(state, a);
        double score = means[key];
        if (!frozen) {
          score += c * Math.sqrt(2 * logTotal / counts[key]);
        }
        if (score > bestScore) {
          bestScore = score;
          best = a;
        }
      }
    }
    return frozen
        ? decisions.get(state, best, GREEDY, "greedy", 1.0)
        : decisions.get(state, best, BOUND, "ucb", 1.0);
  }

  @Override
  public void feedback(Transition t) {
    if (frozen || t.outcome().backendFailure()) {
      return;
    }
    int key = space.key(t.decision().state(), t.action());
    long n = ++counts[key];
    means[key] += (t.reward() - means[key]) / n;
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
    return counts[key] == 0 ? Double.NaN : means[key];
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
    return Tables.save(counts, "means", means);
  }

  @Override
  public void restore(PolicyState state) {
    long[] newCounts = state.counts("counts", counts.length);
    double[] newValues = state.numbers("means", means.length);
    counts = newCounts;
    means = newValues;
    updates = Tables.total(counts);
  }

  @Override
  public void check() {
    Tables.check(NAME, counts, "means", means, updates);
  }
}
