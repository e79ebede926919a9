package dev.llmux.router.policy.contextual;

import dev.llmux.router.policy.Inspectable;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.Persistable;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.PolicyState;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.SelfChecking;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.policy.Transition;
import java.util.List;

/**
 * Disjoint LinUCB (L. Li, W. Chu, J. Langford, R. Schapire, "A Contextual-Bandit Approach to
 * Personalized News Article Recommendation", WWW 2010, algorithm 1): per backend a ridge
 * regression of the step's reward on a feature vector, and the choice of the highest {@code
 * theta.x + alpha * sqrt(x' A^-1 x)}.
 *
 * <p>Features ({@value #DIMENSIONS} numbers): the request text's reduced embedding ({@value
 * #TEXT_DIMENSIONS} numbers, the fixed random projection of {@code router.text}; zeros without
 * text), then a bias, the difficulty (one-hot over easy, medium, hard, unknown), the attempt (0,
 * 1/3, 2/3, 1 for 3 and more), the last outcome (tests failed, tests partial), the prompt size
 * bucket (0, 0.5, 1) and whether this backend is slow now. {@code A^-1} is kept directly and
 * updated by Sherman-Morrison, so a choice costs {@code O(backends * d^2)} and a feedback {@code
 * O(d^2)}; {@code choose} allocates nothing in steady state.
 *
 * <p>Myopic, like the bandits: it learns each step's own reward. Deterministic, so every decision
 * has probability 1. Frozen, it picks the highest predicted reward. Feedback finds the features of
 * its decision in a ring of the last {@value #PENDING} decisions (the decision's reason names its
 * slot), so decisions may be fed back in any order while fewer than that are pending.
 */
public final class LinUcbPolicy implements RoutingPolicy, Persistable, Inspectable, SelfChecking {

  /** The policy's registry name. */
  public static final String NAME = "contextual.LinUcb";
  /** Length of the text vector it reads. */
  public static final int TEXT_DIMENSIONS = 32;
  /** Length of the feature vector. */
  public static final int DIMENSIONS = TEXT_DIMENSIONS + 11;
  /** Exploration weight of the confidence bound. */
  public static final double ALPHA = 0.3;
  /** Ridge strength: {@code A} starts as this times the identity. */
  public static final double RIDGE = 1.0;
  /** How many decisions may wait for their feedback. */
  public static final int PENDING = 4096;

  private static final int D = DIMENSIONS;

  private final StateSpace space;
  private final int backends;
  private final String[] names;
  private final double[][] aInv;
  private final double[][] b;
  private final double[][] theta;
  private long[] counts;
  private final double[][] pendingX = new double[PENDING][D];
  private final RouteDecision[] pendingDecision = new RouteDecision[PENDING];
  private final String[] reasons = new String[PENDING];
  private final String[] greedyReasons = new String[PENDING];
  private final double[] x = new double[D];
  private final double[] tmp = new double[D];
  private int next;
  private long updates;
  private boolean frozen;

  /** A policy that knows nothing yet. */
  public LinUcbPolicy(PolicyContext context) {
    this.space = context.space();
    List<String> list = context.backends();
    this.backends = list.size();
    this.names = list.toArray(new String[0]);
    this.aInv = new double[backends][D * D];
    this.b = new double[backends][D];
    this.theta = new double[backends][D];
    this.counts = new long[space.keys()];
    for (int a = 0; a < backends; a++) {
      for (int i = 0; i < D; i++) {
        aInv[a][i * D + i] = 1 / RIDGE;
      }
    }
    for (int s = 0; s < PENDING; s++) {
      reasons[s] = "linucb #" + s;
      greedyReasons[s] = "linucb greedy #" + s;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Fills {@code out} with the features of this request part and text; the slow entry is left 0. */
  static void features(double[] out, float[] text, int request) {
    if (text != null && text.length != TEXT_DIMENSIONS) {
      throw new IllegalArgumentException(NAME + " reads text vectors of " + TEXT_DIMENSIONS + " numbers, not "
          + text.length);
    }
    for (int i = 0; i < TEXT_DIMENSIONS; i++) {
      out[i] = text == null ? 0 : text[i];
    }
    int o = TEXT_DIMENSIONS;
    out[o] = 1;
    // Ordinals straight from the request part: Enum.values() would copy an array per call.
    int difficulty = request / 36;
    for (int i = 0; i < 4; i++) {
      out[o + 1 + i] = i == difficulty ? 1 : 0;
    }
    out[o + 5] = StateSpace.attemptBucket(request) / 3.0;
    int last = (request / 3) % 3;
    out[o + 6] = last == 1 ? 1 : 0;
    out[o + 7] = last == 2 ? 1 : 0;
    out[o + 8] = StateSpace.promptBucket(request) / 2.0;
    out[o + 9] = 0;
    out[o + 10] = 0;
  }

  @Override
  public RouteDecision choose(RouteContext context, int state, int available) {
    features(x, context.text(), StateSpace.requestOf(state));
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < backends; a++) {
      if (!Masks.has(available, a)) {
        continue;
      }
      x[D - 2] = StateSpace.slow(state, a) ? 1 : 0;
      double score = dot(theta[a], x);
      if (!frozen) {
        score += ALPHA * Math.sqrt(Math.max(0, quadratic(aInv[a], x)));
      }
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
    int slot = next;
    next = (next + 1) & (PENDING - 1);
    x[D - 2] = StateSpace.slow(state, best) ? 1 : 0;
    System.arraycopy(x, 0, pendingX[slot], 0, D);
    String reason = frozen ? greedyReasons[slot] : reasons[slot];
    RouteDecision d = pendingDecision[slot];
    if (d == null || d.state() != state || !d.backend().equals(names[best]) || d.reason() != reason) {
      d = new RouteDecision(names[best], state, reason, 1.0);
      pendingDecision[slot] = d;
    }
    return d;
  }

  private static double dot(double[] w, double[] v) {
    double s = 0;
    for (int i = 0; i < D; i++) {
      s += w[i] * v[i];
    }
    return s;
  }

  /**
   * {@code v' M v} for a symmetric {@code D x D} matrix stored by rows: the upper triangle only,
   * with four independent sums per row so the additions do not wait on each other.
   */
  private static double quadratic(double[] m, double[] v) {
    double diagonal = 0;
    double off = 0;
    for (int i = 0; i < D; i++) {
      double vi = v[i];
      if (vi == 0) {
        continue;
      }
      int row = i * D;
      diagonal += m[row + i] * vi * vi;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int j = i + 1;
      for (; j + 3 < D; j += 4) {
        s0 += m[row + j] * v[j];
        s1 += m[row + j + 1] * v[j + 1];
        s2 += m[row + j + 2] * v[j + 2];
        s3 += m[row + j + 3] * v[j + 3];
      }
      for (; j < D; j++) {
        s0 += m[row + j] * v[j];
      }
      off += vi * ((s0 + s1) + (s2 + s3));
    }
    return diagonal + 2 * off;
  }

  /** The pending slot a decision's reason names, or -1. */
  private static int slotOf(String reason) {
    int hash = reason.lastIndexOf('#');
    if (hash < 0) {
      return -1;
    }
    int n = 0;
    for (int i = hash + 1; i < reason.length(); i++) {
      char c = reason.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n < PENDING ? n : -1;
  }

  @Override
  public void feedback(Transition t) {
    if (frozen || t.outcome().backendFailure()) {
      return;
    }
    int slot = slotOf(t.decision().reason());
    if (slot < 0) {
      return;
    }
    int a = t.action();
    double[] v = pendingX[slot];
    // The regime the step was learned in (a probe's state may differ from the decision's).
    v[D - 2] = StateSpace.slow(t.decision().state(), a) ? 1 : 0;
    double[] m = aInv[a];
    for (int i = 0; i < D; i++) {
      double r = 0;
      int row = i * D;
      for (int j = 0; j < D; j++) {
        r += m[row + j] * v[j];
      }
      tmp[i] = r;
    }
    double denom = 1 + dot(v, tmp);
    for (int i = 0; i < D; i++) {
      int row = i * D;
      double ti = tmp[i] / denom;
      for (int j = 0; j < D; j++) {
        m[row + j] -= ti * tmp[j];
      }
    }
    double[] bb = b[a];
    for (int i = 0; i < D; i++) {
      bb[i] += t.reward() * v[i];
    }
    double[] th = theta[a];
    for (int i = 0; i < D; i++) {
      int row = i * D;
      double s = 0;
      for (int j = 0; j < D; j++) {
        s += m[row + j] * bb[j];
      }
      th[i] = s;
    }
    counts[space.key(t.decision().state(), a)]++;
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

  /** The predicted reward of {@code action} in {@code state} for a request without text. */
  @Override
  public double value(int state, int action) {
    double[] v = new double[D];
    features(v, null, StateSpace.requestOf(state));
    v[D - 2] = StateSpace.slow(state, action) ? 1 : 0;
    return dot(theta[action], v);
  }

  @Override
  public boolean generalizes() {
    return true;
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
    double[] allA = new double[backends * D * D];
    double[] allB = new double[backends * D];
    for (int a = 0; a < backends; a++) {
      System.arraycopy(aInv[a], 0, allA, a * D * D, D * D);
      System.arraycopy(b[a], 0, allB, a * D, D);
    }
    return PolicyState.builder().integer("dimensions", D).counts("counts", counts).numbers("aInverse", allA)
        .numbers("b", allB).build();
  }

  @Override
  public void restore(PolicyState state) {
    long dims = state.integer("dimensions", -1);
    if (dims != D) {
      throw new IllegalArgumentException("state.dimensions is " + dims + ", " + NAME + " uses " + D);
    }
    long[] newCounts = state.counts("counts", counts.length);
    double[] allA = state.numbers("aInverse", backends * D * D);
    double[] allB = state.numbers("b", backends * D);
    counts = newCounts;
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    updates = total;
    for (int a = 0; a < backends; a++) {
      System.arraycopy(allA, a * D * D, aInv[a], 0, D * D);
      System.arraycopy(allB, a * D, b[a], 0, D);
      for (int i = 0; i < D; i++) {
        double s = 0;
        for (int j = 0; j < D; j++) {
          s += aInv[a][i * D + j] * b[a][j];
        }
        theta[a][i] = s;
      }
    }
  }

  @Override
  public void check() {
    long total = 0;
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalStateException(NAME + ": a negative count");
      }
      total += c;
    }
    if (total != updates) {
      throw new IllegalStateException(NAME + ": counts add up to " + total + " but " + updates + " updates were made");
    }
    for (int a = 0; a < backends; a++) {
      for (int i = 0; i < D; i++) {
        if (!(aInv[a][i * D + i] > 0) || !Double.isFinite(theta[a][i])) {
          throw new IllegalStateException(NAME + ": backend " + names[a] + "'s model is not positive definite or finite");
        }
      }
    }
  }
}
