package dev.llmux.router.policy.rl;

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
 * Tabular Q-learning with epsilon-greedy exploration: the seed design of the llmux router.
 *
 * <p>The update is Watkins' Q-learning (C. Watkins, <i>Learning from Delayed Rewards</i>, 1989;
 * Sutton and Barto, <i>Reinforcement Learning</i>, 2nd ed., section 6.5): {@code Q(s,a) += lr *
 * (r + gamma * max_a' Q(s',a') - Q(s,a))}, with no bootstrap at the end of an episode, and the max
 * taken over the backends available in the next state. The table is indexed by the factored key
 * of {@link StateSpace#key}: request features, action, and the action's own latency regime. The
 * learning rate is {@code max(alpha, 1/n)} for an entry seen {@code n} times: a running mean at
 * first, then a constant step that keeps tracking a changing world. An entry never updated takes
 * the value of the same action in the other latency regime: a backend that turns slow is first
 * assumed to be worth what it was worth normal, until its first slow answers say otherwise. An
 * action never tried in either regime has the optimistic {@code initialQ} (by default 1, the best
 * an episode can score), so each is tried once per state before the policy settles (Sutton and
 * Barto, section 2.6).
 * Exploration is epsilon-greedy; epsilon decays per finished episode to a floor. Ties go to the
 * lower index, the cheaper backend by convention.
 *
 * <p>{@link #choose} allocates nothing in steady state: decisions come from a {@link
 * DecisionCache}.
 */
public final class TabularQPolicy implements RoutingPolicy, Persistable, Inspectable, SelfChecking {

  /** The policy's registry name. */
  public static final String NAME = "rl.TabularQ";

  private static final int GREEDY = 0;
  private static final int EXPLORE = 1;

  private final StateSpace space;
  private final int backends;
  private final RouterSettings.TabularQ settings;
  private final SplittableRandom random;
  private final DecisionCache decisions;
  private double[] q;
  private long[] visits;
  private long episodes;
  private long updates;
  private long ignored;
  private double epsilon;
  private boolean frozen;

  /** A fresh table of zeros. */
  public TabularQPolicy(PolicyContext context) {
    this.space = context.space();
    this.backends = context.backends().size();
    this.settings = context.settings().tabularQ();
    this.random = new SplittableRandom(context.seed());
    this.decisions = new DecisionCache(context.backends(), 2);
    this.q = new double[space.keys()];
    java.util.Arrays.fill(q, settings.initialQ());
    this.visits = new long[space.keys()];
    this.epsilon = settings.epsilon();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RouteDecision choose(RouteContext context, int state, int available) {
    int greedy = greedy(state, available);
    double eps = frozen ? 0 : epsilon;
    int count = Masks.count(available);
    int action = greedy;
    int kind = GREEDY;
    if (eps > 0 && random.nextDouble() < eps) {
      action = Masks.nth(available, random.nextInt(count));
      kind = EXPLORE;
    }
    double probability = (action == greedy ? 1 - eps : 0) + eps / count;
    return decisions.get(state, action, kind, kind == GREEDY ? "greedy" : "explore", probability);
  }

  @Override
  public void feedback(Transition t) {
    if (t.outcome().terminal()) {
      episodes++;
      if (!frozen) {
        epsilon = Math.max(settings.epsilonMin(), settings.epsilon() * Math.pow(settings.epsilonDecay(), episodes));
      }
    }
    if (frozen || t.outcome().backendFailure()) {
      ignored++;
      return;
    }
    int key = space.key(t.decision().state(), t.action());
    double target = t.reward();
    if (!t.terminal()) {
      target += settings.gamma() * q(space.key(t.nextState(), greedy(t.nextState(), t.nextAvailable())));
    }
    long n = ++visits[key];
    double rate = Math.max(settings.alpha(), 1.0 / n);
    q[key] += rate * (target - q[key]);
    updates++;
  }

  /** The available action with the highest value; ties go to the lower index. */
  private int greedy(int state, int available) {
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < backends; a++) {
      if (Masks.has(available, a)) {
        double v = q(space.key(state, a));
        if (v > bestValue) {
          bestValue = v;
          best = a;
        }
      }
    }
    return best;
  }

  @Override
  public void freeze() {
    frozen = true;
  }

  @Override
  public boolean frozen() {
    return frozen;
  }

  /**
   * The value of a key: its own once updated; else that of the same action in the other regime if
   * that one was updated; else the initial value.
   */
  private double q(int key) {
    return visits[key] == 0 && visits[key ^ 1] > 0 ? q[key ^ 1] : q[key];
  }

  @Override
  public double value(int state, int action) {
    return q(space.key(state, action));
  }

  @Override
  public long experience(int state, int action) {
    return visits[space.key(state, action)];
  }

  /** Number of learning updates made. */
  public long updates() {
    return updates;
  }

  /** Number of feedbacks that taught nothing (frozen, or a backend failure). */
  public long ignored() {
    return ignored;
  }

  /** Finished episodes seen. */
  public long episodes() {
    return episodes;
  }

  /** The exploration rate now. */
  public double epsilon() {
    return frozen ? 0 : epsilon;
  }

  @Override
  public PolicyState save() {
    return PolicyState.builder()
        .integer("episodes", episodes)
        .integer("updates", updates)
        .number("epsilon", epsilon)
        .numbers("q", q)
        .counts("visits", visits)
        .build();
  }

  @Override
  public void restore(PolicyState state) {
    double[] newQ = state.numbers("q", q.length);
    long[] newVisits = state.counts("visits", visits.length);
    double eps = state.number("epsilon");
    if (!(eps >= 0 && eps <= 1)) {
      throw new IllegalArgumentException("state.epsilon must be a number from 0 to 1");
    }
    long sum = 0;
    for (long v : newVisits) {
      sum += v;
    }
    q = newQ;
    visits = newVisits;
    updates = sum;
    episodes = state.integer("episodes", 0);
    epsilon = eps;
  }

  @Override
  public void check() {
    long sum = 0;
    for (int i = 0; i < q.length; i++) {
      if (!Double.isFinite(q[i])) {
        throw new IllegalStateException(NAME + ": q[" + i + "] is " + q[i]);
      }
      sum += visits[i];
    }
    if (sum != updates) {
      throw new IllegalStateException(NAME + ": visits add up to " + sum + " but " + updates + " updates were made");
    }
  }
}
