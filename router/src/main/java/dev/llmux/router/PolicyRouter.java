package dev.llmux.router;

import dev.llmux.engine.BackendStats;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.router.policy.GroundTruth;
import dev.llmux.router.policy.Inspectable;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.PolicyFiles;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.policy.Transition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The {@link Router}: reads each backend's live figures, encodes the state, asks its {@link
 * RoutingPolicy}, and turns each outcome into a reward the policy learns from.
 *
 * <p>Thread-safe: {@link #choose} and {@link #feedback} may be called by many threads at once.
 * One lock serialises every call into the policy (microseconds, against the seconds a model
 * takes), so no update is lost. With a tabular policy, {@code choose} allocates nothing as long as
 * the stats source does not.
 *
 * <p>A state the policy never learned anything about (an {@link Inspectable} policy with no
 * experience of any available backend there) is not left to the policy's tie-break, which would
 * pick whatever backend has index 0: the router picks its declared fallback ({@link
 * Builder#fallback(String)}, for instance a role's first model) while it is available, else, for a
 * frozen policy, the backend the policy has the most experience of overall.
 *
 * <p>A backend whose availability is {@code UNAVAILABLE} is never chosen. Outcomes flagged as
 * backend failures reach the policy, which learns nothing from them: an outage is not "this model
 * is bad".
 */
public final class PolicyRouter implements Router {

  private final List<String> backends;
  private final String[] names;
  private final StateSpace space;
  private final RoutingPolicy policy;
  private final Reward reward;
  private final BackendStatsSource stats;
  private final LatencyRegimes regimes;
  private final LongSupplier clock;
  private final Object lock = new Object();
  private final int fallback;
  private final Inspectable inspectable;
  private long decisions;
  private long feedbacks;
  private long failures;

  private PolicyRouter(Builder b, RoutingPolicy policy) {
    this.backends = List.copyOf(b.backends);
    this.names = backends.toArray(new String[0]);
    this.space = new StateSpace(backends.size());
    this.policy = policy;
    this.reward = b.reward == null ? b.settings.reward() : b.reward;
    this.stats = b.stats;
    this.regimes = new LatencyRegimes(backends.size(), b.settings.regimes());
    this.clock = b.clock;
    this.fallback = b.fallback == null ? -1 : backends.indexOf(b.fallback);
    if (b.fallback != null && fallback < 0) {
      throw new IllegalArgumentException("fallback '" + b.fallback + "' is not one of the router's backends " + backends);
    }
    this.inspectable = policy instanceof Inspectable i && !i.generalizes() ? i : null;
  }

  /** The declared fallback for untrained states, or null. */
  public String fallback() {
    return fallback < 0 ? null : names[fallback];
  }

  /** A builder; see its methods for the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<String> backends() {
    return backends;
  }

  /** The policy this router asks. */
  public RoutingPolicy policy() {
    return policy;
  }

  /**
   * The reward outcomes are scored with: what the policy learns from. A caller that scores steps
   * too (the agent's trajectory lines) uses this one, so both agree.
   */
  public Reward reward() {
    return reward;
  }

  /** The state encoding. */
  public StateSpace space() {
    return space;
  }

  /** The index of the named backend. */
  public int indexOf(String backend) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(backend)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no backend is called '" + backend + "': the router's backends are " + backends);
  }

  @Override
  public RouteDecision choose(RouteContext context) {
    return choose(context, 0);
  }

  /**
   * Chooses as {@link #choose(RouteContext)} does, never a backend in {@code excluded} (bit {@code
   * i} for backend {@code i}): the ones that already failed this step.
   *
   * @throws BackendUnavailableException when every backend is unavailable or excluded
   */
  public RouteDecision choose(RouteContext context, int excluded) {
    Objects.requireNonNull(context, "context");
    synchronized (lock) {
      long now = clock.getAsLong();
      int available = 0;
      int slow = 0;
      for (int i = 0; i < names.length; i++) {
        BackendStats s = stats.stats(i);
        regimes.observe(i, s, now);
        if (s.availability() != BackendStats.Availability.UNAVAILABLE && ((excluded >>> i) & 1) == 0) {
          available |= 1 << i;
        }
        if (regimes.slow(i, now)) {
          slow |= 1 << i;
        }
      }
      if (available == 0) {
        throw new BackendUnavailableException("router", "no backend can take the request: " + unavailable(excluded)
            + "; wait for a backend to recover or add another", null);
      }
      decisions++;
      int state = space.state(StateSpace.request(context), slow);
      RouteDecision d = policy.choose(context, state, available);
      if (inspectable != null && untrained(state, available)) {
        int f = fallback >= 0 ? fallback : policy.frozen() ? mostExperienced() : -1;
        if (f >= 0 && Masks.has(available, f) && !names[f].equals(d.backend())) {
          return new RouteDecision(names[f], state, fallback >= 0 ? "untrained state: declared fallback"
              : "untrained state: most experienced backend", 1.0);
        }
      }
      return d;
    }
  }

  /** Whether the policy has no experience of any available backend in this request part, in either regime. */
  private boolean untrained(int state, int available) {
    int request = StateSpace.requestOf(state);
    int allSlow = (1 << names.length) - 1;
    for (int a = 0; a < names.length; a++) {
      if (Masks.has(available, a) && (inspectable.experience(space.state(request, 0), a) > 0
          || inspectable.experience(space.state(request, allSlow), a) > 0)) {
        return false;
      }
    }
    return true;
  }

  /** The backend the policy learned most about over every first-regime state, or -1 when it knows nothing. */
  private int mostExperienced() {
    int best = -1;
    long bestCount = 0;
    for (int a = 0; a < names.length; a++) {
      long n = 0;
      for (int r = 0; r < StateSpace.REQUEST_STATES; r++) {
        n += inspectable.experience(space.state(r, 0), a);
      }
      if (n > bestCount) {
        bestCount = n;
        best = a;
      }
    }
    return best;
  }

  private String unavailable(int excluded) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      parts.add(names[i] + (((excluded >>> i) & 1) != 0 ? " failed" : " unavailable"));
    }
    return String.join(", ", parts);
  }

  /**
   * Scores the outcome and lets the policy learn. A probe (a decision that saw the backend as normal
   * only because its slow verdict had expired, see {@link LatencyRegimes}) is learned in the regime
   * its answer showed, so probing a still-slow backend does not teach the normal regime that it is
   * slow. A non-terminal outcome without a next context is learned without bootstrapping.
   *
   * @throws IllegalArgumentException when the decision names a backend this router does not have
   */
  @Override
  public void feedback(RouteDecision decision, Outcome outcome) {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(outcome, "outcome");
    int action = indexOf(decision.backend());
    double r = reward.of(outcome);
    synchronized (lock) {
      long now = clock.getAsLong();
      RouteDecision learned = decision;
      if (!outcome.backendFailure()) {
        regimes.observe(action, stats.stats(action), now);
        boolean slowNow = regimes.slow(action, now);
        if (regimes.probed(action) && slowNow != StateSpace.slow(decision.state(), action)) {
          int state = space.state(StateSpace.requestOf(decision.state()),
              StateSpace.slowMaskOf(decision.state()) ^ (1 << action));
          learned = new RouteDecision(decision.backend(), state, decision.reason(), decision.probability());
        }
      }
      int nextState = Transition.TERMINAL;
      int nextAvailable = 0;
      if (!outcome.terminal() && outcome.next() != null) {
        int slow = 0;
        for (int i = 0; i < names.length; i++) {
          BackendStats s = stats.stats(i);
          regimes.observe(i, s, now);
          if (s.availability() != BackendStats.Availability.UNAVAILABLE) {
            nextAvailable |= 1 << i;
          }
          if (regimes.slow(i, now)) {
            slow |= 1 << i;
          }
        }
        if (nextAvailable != 0) {
          nextState = space.state(StateSpace.request(outcome.next()), slow);
        }
      }
      policy.feedback(new Transition(learned, action, outcome, r, nextState, nextAvailable));
      feedbacks++;
      if (outcome.backendFailure()) {
        failures++;
      }
    }
  }

  /** Whether backend {@code index} counts as slow now. */
  public boolean slow(int index) {
    synchronized (lock) {
      long now = clock.getAsLong();
      regimes.observe(index, stats.stats(index), now);
      return regimes.slow(index, now);
    }
  }

  /** Decisions made so far. */
  public long decisions() {
    synchronized (lock) {
      return decisions;
    }
  }

  /** Feedbacks received so far. */
  public long feedbacks() {
    synchronized (lock) {
      return feedbacks;
    }
  }

  /** Feedbacks flagged as backend failures so far. */
  public long backendFailures() {
    synchronized (lock) {
      return failures;
    }
  }

  /** Writes the policy to {@code file} atomically (see {@link PolicyFiles}), while holding the lock. */
  public void save(Path file) {
    synchronized (lock) {
      PolicyFiles.save(policy, backends, file);
    }
  }

  /** Builds a {@link PolicyRouter}. */
  public static final class Builder {
    private List<String> backends = List.of();
    private RoutingPolicy policy;
    private String spec = "rl.TabularQ";
    private RouterSettings settings = RouterSettings.defaults();
    private Reward reward;
    private long seed = RouterSettings.defaults().training().seed();
    private BackendStatsSource stats = BackendStatsSource.idle();
    private LongSupplier clock = System::nanoTime;
    private String fallback;

    private Builder() {}

    /**
     * The backend for states the policy never learned anything about (default none: a frozen
     * policy then falls back to the backend it knows best, a learning one to its own choice).
     */
    public Builder fallback(String backend) {
      this.fallback = backend;
      return this;
    }

    /** The backends' names, in a fixed order, cheapest first by convention. Required. */
    public Builder backends(List<String> names) {
      this.backends = List.copyOf(names);
      return this;
    }

    /** A ready policy, made for the same backends in the same order. */
    public Builder policy(RoutingPolicy ready) {
      this.policy = Objects.requireNonNull(ready, "policy");
      return this;
    }

    /** The registry spec of the policy to make (default {@code rl.TabularQ}). */
    public Builder policy(String registrySpec) {
      this.spec = Objects.requireNonNull(registrySpec, "spec");
      this.policy = null;
      return this;
    }

    /** Tunables (default {@link RouterSettings#defaults()}). */
    public Builder settings(RouterSettings s) {
      this.settings = Objects.requireNonNull(s, "settings");
      return this;
    }

    /** The reward (default: the settings' reward). */
    public Builder reward(Reward r) {
      this.reward = Objects.requireNonNull(r, "reward");
      return this;
    }

    /** Seed of the policy's random choices when the builder makes it (default: the settings' seed). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Where live figures come from (default: every backend available, nothing measured). */
    public Builder stats(BackendStatsSource source) {
      this.stats = Objects.requireNonNull(source, "stats");
      return this;
    }

    /** The clock in nanoseconds, for slow verdicts expiring (default {@link System#nanoTime()}). */
    public Builder clock(LongSupplier nanos) {
      this.clock = Objects.requireNonNull(nanos, "clock");
      return this;
    }

    /** Makes the router (and its policy, unless a ready one was given). */
    public PolicyRouter build() {
      if (backends.isEmpty()) {
        throw new IllegalArgumentException("a router needs at least one backend");
      }
      RoutingPolicy p = policy;
      if (p == null) {
        PolicyContext context = new PolicyContext(
            backends, new StateSpace(backends.size()), settings, seed, GroundTruth.NONE);
        p = Registry.standard().create(spec, context);
      }
      return new PolicyRouter(this, p);
    }
  }
}
