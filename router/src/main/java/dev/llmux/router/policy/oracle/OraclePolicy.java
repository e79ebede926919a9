package dev.llmux.router.policy.oracle;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.policy.DecisionCache;
import dev.llmux.router.policy.GroundTruth;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.NonLearningPolicy;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;

/**
 * The optimal policy for the simulator's true model, {@code oracle}: at each step it solves the
 * rest of the episode by backward induction (finite-horizon dynamic programming; R. Bellman,
 * <i>Dynamic Programming</i>, 1957) over attempts and last outcomes, using the true pass
 * probabilities, expected latencies and costs, failure rates, slow periods and load as they are
 * now, and takes the action with the highest expected episode reward.
 *
 * <p>It knows the model, not the dice: it does not know whether a given answer will pass. A
 * failed call is valued as its wasted time plus the best other backend. When the context's
 * difficulty is unknown it averages the values of the known difficulties by their shares. Since
 * availability, slow periods and load are taken as constant over the rest of the episode, it is
 * optimal up to that approximation; no learned policy can beat it in expectation otherwise.
 */
public final class OraclePolicy extends NonLearningPolicy {

  /** The policy's registry name. */
  public static final String NAME = "oracle";

  private static final Difficulty[] KNOWN = {Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD};

  private final GroundTruth truth;
  private final int backends;
  private final DecisionCache decisions;
  private final double[] values;
  private final double[] plain;

  /**
   * An oracle over the simulator's ground truth.
   *
   * @throws ConfigException outside the simulator, where there is no ground truth
   */
  public OraclePolicy(PolicyContext context) {
    if (context.truth() == GroundTruth.NONE) {
      throw new ConfigException(NAME + " needs the simulator's ground truth: it runs only in simulations "
          + "(llmux router eval), not on real backends");
    }
    this.truth = context.truth();
    this.backends = context.backends().size();
    this.decisions = new DecisionCache(context.backends(), 1);
    this.values = new double[backends];
    this.plain = new double[backends];
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RouteDecision choose(RouteContext context, int state, int available) {
    actionValues(context, available, values);
    int best = -1;
    for (int a = 0; a < backends; a++) {
      if (Masks.has(available, a) && (best < 0 || values[a] > values[best])) {
        best = a;
      }
    }
    return decisions.get(state, best, 0, "optimal", 1.0);
  }

  /**
   * Fills {@code out} with the expected episode reward of choosing each available backend now and
   * acting optimally afterwards; entries of unavailable backends are negative infinity.
   */
  public void actionValues(RouteContext context, int available, double[] out) {
    java.util.Arrays.fill(out, 0);
    if (context.difficulty() == Difficulty.UNKNOWN) {
      double[] part = new double[backends];
      for (Difficulty d : KNOWN) {
        double share = truth.difficultyShare(d);
        if (share > 0) {
          valuesFor(d, context, available, part);
          for (int a = 0; a < backends; a++) {
            out[a] += share * part[a];
          }
        }
      }
    } else {
      valuesFor(context.difficulty(), context, available, out);
    }
    for (int a = 0; a < backends; a++) {
      if (!Masks.has(available, a)) {
        out[a] = Double.NEGATIVE_INFINITY;
      }
    }
  }

  private void valuesFor(Difficulty d, RouteContext context, int available, double[] out) {
    int maxAttempts = truth.maxAttempts();
    int k = Math.min(context.attempt(), maxAttempts - 1);
    int[] prompts = new int[maxAttempts + 1];
    prompts[k] = context.promptTokens();
    for (int j = k + 1; j <= maxAttempts; j++) {
      prompts[j] = truth.nextPromptTokens(prompts[j - 1]);
    }
    // future[j][o]: the optimal value from attempt j with last outcome o (1 failed, 2 partial).
    double[][] future = new double[maxAttempts + 1][3];
    for (int j = maxAttempts - 1; j > k; j--) {
      for (LastOutcome o : new LastOutcome[] {LastOutcome.TESTS_FAILED, LastOutcome.TESTS_PARTIAL}) {
        stepValues(d, j, o, prompts[j], future[j + 1], available, plain);
        double best = 0;
        boolean any = false;
        for (int a = 0; a < backends; a++) {
          if (Masks.has(available, a) && (!any || plain[a] > best)) {
            best = plain[a];
            any = true;
          }
        }
        future[j][o.ordinal()] = best;
      }
    }
    stepValues(d, k, context.lastOutcome(), prompts[k], future[k + 1], available, out);
  }

  /** Values of each action at attempt {@code j}, failures of the backend itself included. */
  private void stepValues(
      Difficulty d, int j, LastOutcome last, int prompt, double[] next, int available, double[] out) {
    Reward reward = truth.reward();
    double s = truth.partialShare();
    boolean lastAttempt = j + 1 >= truth.maxAttempts();
    double continuation = lastAttempt ? 0 : s * next[LastOutcome.TESTS_PARTIAL.ordinal()]
        + (1 - s) * next[LastOutcome.TESTS_FAILED.ordinal()];
    for (int a = 0; a < backends; a++) {
      double p = truth.passProbability(a, d, j, last);
      double stepCost = reward.lambda() * truth.expectedLatencySeconds(a, prompt) + reward.mu() * truth.expectedCost(a, prompt);
      out[a] = p * 1 + (1 - p) * continuation - stepCost;
    }
    // A failed call wastes its time, then the best other backend answers the same attempt.
    double[] withFailures = new double[backends];
    for (int a = 0; a < backends; a++) {
      double f = truth.failureProbability(a);
      double other = 0;
      boolean any = false;
      for (int b = 0; b < backends; b++) {
        if (b != a && Masks.has(available, b) && (!any || out[b] > other)) {
          other = out[b];
          any = true;
        }
      }
      withFailures[a] = (1 - f) * out[a] + f * (other - reward.lambda() * truth.failureSeconds(a));
    }
    System.arraycopy(withFailures, 0, out, 0, backends);
  }
}
