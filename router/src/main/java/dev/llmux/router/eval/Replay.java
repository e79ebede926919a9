package dev.llmux.router.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.LlmuxException;
import dev.llmux.router.internal.JsonLines;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.StateSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Off-policy evaluation: what another policy would have earned per step on logged decisions.
 *
 * <p>Each logged step has its encoded state, the chosen backend, the probability with which the
 * logging policy chose it (every {@code RouteDecision} carries it) and the step's reward. For a
 * target policy {@code pi} (frozen; a random one is sampled {@value #SAMPLES} times per state):
 * <ul>
 *   <li><b>IPS</b> (inverse propensity scoring, Horvitz and Thompson 1952): the mean of {@code
 *       pi(a|s) / mu(a|s) * r};
 *   <li><b>DR</b> (doubly robust, Dudik, Langford and Li 2011): the mean of {@code sum_b pi(b|s)
 *       q(s,b) + pi(a|s) / mu(a|s) * (r - q(s,a))}, with {@code q} the mean logged reward per
 *       request state and backend (the tabular direct model).
 * </ul>
 * Both come with a 95% normal interval (1.96 standard errors of the per-step terms). They estimate
 * the mean reward per step on the logged states: the state distribution is the logging policy's,
 * so for multi-step episodes they say what the target would earn step by step, not how it would
 * change which states follow. Steps flagged as backend failures are left out (they say nothing
 * about a model). The logging policy must give every backend the target picks a positive
 * probability; steps where it did not are counted as {@code unsupported}.
 */
public final class Replay {

  /** Samples per state of a target policy whose decisions are random. */
  public static final int SAMPLES = 256;

  /**
   * One logged step.
   *
   * @param state the encoded state
   * @param action the chosen backend's index
   * @param probability the logging policy's probability of that choice, in (0, 1]
   * @param reward the step's reward
   */
  public record Logged(int state, int action, double probability, double reward) {
    /** Checks the probability. */
    public Logged {
      if (!(probability > 0 && probability <= 1)) {
        throw new IllegalArgumentException("a logged probability must be in (0, 1], not " + probability);
      }
    }
  }

  /**
   * An estimate of the target's mean reward per step.
   *
   * @param method "IPS" or "DR"
   * @param value the estimate
   * @param low lower end of the 95% interval
   * @param high upper end
   * @param steps logged steps used
   * @param matched steps where the target would have chosen as the log did (with weight)
   */
  public record Estimate(String method, double value, double low, double high, int steps, double matched) {}

  /** A replay file that cannot be read: the message names the file and line. */
  public static final class ReplayFileException extends LlmuxException {
    /** A file error. */
    public ReplayFileException(String message) {
      super(message);
    }
  }

  private Replay() {}

  /** Estimates the frozen {@code target}'s mean reward per step on {@code logs}; {@code names}: its backends in order. */
  public static List<Estimate> estimate(List<Logged> logs, RoutingPolicy target, List<String> names) {
    int backends = names.size();
    if (logs.isEmpty()) {
      throw new IllegalArgumentException("no logged steps to replay");
    }
    target.freeze();
    int all = Masks.all(backends);
    Map<Integer, double[]> pi = new HashMap<>();
    Map<Long, double[]> q = new HashMap<>();
    for (Logged l : logs) {
      if (l.action() < 0 || l.action() >= backends) {
        throw new IllegalArgumentException("a logged action " + l.action() + " is not one of " + backends + " backends");
      }
      double[] sum = q.computeIfAbsent(key(l.state(), l.action()), k -> new double[2]);
      sum[0] += l.reward();
      sum[1]++;
    }
    int n = logs.size();
    double[] ips = new double[n];
    double[] dr = new double[n];
    double matched = 0;
    for (int i = 0; i < n; i++) {
      Logged l = logs.get(i);
      double[] p = pi.computeIfAbsent(l.state(), s -> policy(target, s, all, names));
      double w = p[l.action()] / l.probability();
      matched += p[l.action()];
      ips[i] = w * l.reward();
      double direct = 0;
      for (int b = 0; b < backends; b++) {
        if (p[b] > 0) {
          direct += p[b] * qhat(q, l.state(), b);
        }
      }
      dr[i] = direct + w * (l.reward() - qhat(q, l.state(), l.action()));
    }
    return List.of(summary("IPS", ips, matched), summary("DR", dr, matched));
  }

  private static long key(int state, int action) {
    return ((long) StateSpace.requestOf(state) << 32) | action;
  }

  private static double qhat(Map<Long, double[]> q, int state, int action) {
    double[] s = q.get(key(state, action));
    return s == null ? 0 : s[0] / s[1];
  }

  /** The target's choice distribution in {@code state}. */
  private static double[] policy(RoutingPolicy target, int state, int available, List<String> names) {
    int request = StateSpace.requestOf(state);
    int[] tokens = {500, 4000, 12000};
    RouteContext context = new RouteContext(StateSpace.difficulty(request), StateSpace.attemptBucket(request),
        StateSpace.lastOutcome(request), tokens[StateSpace.promptBucket(request)]);
    double[] p = new double[names.size()];
    RouteDecision first = target.choose(context, state, available);
    if (first.probability() >= 1) {
      p[names.indexOf(first.backend())] = 1;
      return p;
    }
    for (int k = 0; k < SAMPLES; k++) {
      p[names.indexOf(target.choose(context, state, available).backend())] += 1.0 / SAMPLES;
    }
    return p;
  }

  private static Estimate summary(String method, double[] terms, double matched) {
    int n = terms.length;
    double mean = 0;
    for (double t : terms) {
      mean += t / n;
    }
    double var = 0;
    for (double t : terms) {
      var += (t - mean) * (t - mean) / Math.max(1, n - 1);
    }
    double half = 1.96 * Math.sqrt(var / n);
    return new Estimate(method, mean, mean - half, mean + half, n, matched);
  }

  /**
   * Reads the logged steps of trajectory files (JSON lines; {@code "type": "step"} lines with
   * {@code route.state}, {@code route.backend}, {@code route.probability} and {@code reward.value},
   * as the agent writes them), mapping backend names onto {@code backends}.
   */
  public static List<Logged> read(List<Path> files, List<String> backends) {
    List<Logged> logs = new ArrayList<>();
    for (Path file : files) {
      JsonLines.read(file, (o, n) -> {
        if (!"step".equals(o.path("type").asText())) {
          return;
        }
        JsonNode route = o.path("route");
        JsonNode reward = o.path("reward");
        if (!route.path("state").isInt() || !route.path("probability").isNumber() || !reward.path("value").isNumber()) {
          throw new ReplayFileException(file + " line " + n + ": a step needs route.state, route.probability and "
              + "reward.value");
        }
        if (reward.path("backendFailure").asBoolean(false)) {
          return;
        }
        int action = backends.indexOf(route.path("backend").asText());
        if (action < 0) {
          throw new ReplayFileException(file + " line " + n + ": backend '" + route.path("backend").asText()
              + "' is not one of the policy's backends " + backends);
        }
        double p = route.path("probability").asDouble();
        if (!(p > 0 && p <= 1)) {
          throw new ReplayFileException(file + " line " + n + ": route.probability " + p + " is not in (0, 1]");
        }
        logs.add(new Logged(route.path("state").asInt(), action, p, reward.path("value").asDouble()));
      }, m -> new ReplayFileException("trajectory file " + m));
    }
    if (logs.isEmpty()) {
      throw new ReplayFileException("no logged steps in " + files + ": give trajectory files with step lines");
    }
    return logs;
  }
}
