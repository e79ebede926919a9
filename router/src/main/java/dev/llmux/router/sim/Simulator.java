package dev.llmux.router.sim;

import dev.llmux.engine.BackendStats;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.LiveStats;
import dev.llmux.engine.Timings;
import dev.llmux.router.PolicyRouter;
import dev.llmux.router.internal.Seeds;
import dev.llmux.router.policy.GroundTruth;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.sim.Scenario.Profile;
import dev.llmux.router.sim.Scenario.Window;
import dev.llmux.router.sim.Scenario.Workload;
import dev.llmux.router.text.FeaturePool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Runs seeded episodes of a {@link Scenario} through a {@link PolicyRouter}: a discrete-event
 * simulation in simulated seconds.
 *
 * <p>Episodes arrive with exponential gaps of mean {@code arrivalGapSeconds}; each makes attempts
 * until the tests pass or {@code maxAttempts} run out. An attempt asks the router, then the chosen
 * backend answers after a time drawn from its profile: time to first token (fixed part plus
 * prefill of the prompt) and decode time, both log-normal, both stretched by slow periods and by
 * {@code 1 + loadSlowdown * (other requests in flight on it)}. Whether the answer passes is drawn
 * from the profile's first-try or retry pass rate for the task's difficulty. A call fails during an
 * outage or at random ({@code failureRate}); the router is told, a per-backend circuit breaker
 * counts it (open after {@code breakerFailures} failures in a row for {@code
 * breakerCooldownSeconds}, doubling up to 16x while probes keep failing), and the same attempt
 * falls back to the next choice. The router reads each backend's
 * live figures (the engine's {@link LiveStats}) and availability, as it would for real backends.
 *
 * <p>What the router sees of a task's difficulty follows {@link Visibility}: by default the
 * workload's {@code difficultyVisible} share is told, the rest is estimated from a real labelled
 * prompt of the drawn difficulty (the bundled {@link FeaturePool}: the difficulty head's
 * out-of-fold estimate for that prompt), so policies learn on the estimate errors they meet in use.
 * Every episode but blind ones carries that prompt's text vector ({@link RouteContext#text()}, its
 * projected embedding) for contextual policies.
 *
 * <p>Everything random is seeded: task draws and answer draws come from per-episode generators
 * (the same tasks and dice for every policy run with the same seed), random slow periods and
 * outages from per-backend generators. The same seed gives the same run. Not thread-safe: one run
 * at a time.
 */
public final class Simulator {

  private static final int ARRIVE = 0;
  private static final int COMPLETE = 1;

  private final Scenario scenario;
  private final Workload workload;
  private final Reward reward;
  private final RouterSettings settings;
  private final List<String> names;
  private final Truth truth = new Truth();
  private final Visibility visibility;
  private FeaturePool pool;
  private World world;

  /** A simulator scored with the scenario's reward. */
  public Simulator(Scenario scenario, RouterSettings settings) {
    this(scenario, settings, scenario.reward());
  }

  /** A simulator scored with {@code reward}. */
  public Simulator(Scenario scenario, RouterSettings settings, Reward reward) {
    this(scenario, settings, reward, Visibility.SCENARIO);
  }

  /** A simulator scored with {@code reward} that shows the router the difficulty as {@code visibility} says. */
  public Simulator(Scenario scenario, RouterSettings settings, Reward reward, Visibility visibility) {
    this.scenario = scenario;
    this.workload = scenario.workload();
    this.reward = reward;
    this.settings = settings;
    this.names = scenario.backendNames();
    this.visibility = java.util.Objects.requireNonNull(visibility, "visibility");
  }

  /** The same simulator showing the difficulty as {@code v} says. */
  public Simulator withVisibility(Visibility v) {
    return new Simulator(scenario, settings, reward, v);
  }

  /** What the router is shown of each task's difficulty. */
  public Visibility visibility() {
    return visibility;
  }

  /** The pooled real prompt of true difficulty {@code d} that episode {@code index} carries. */
  private FeaturePool.Entry prompt(Difficulty d, long seed, int index) {
    if (pool == null) {
      pool = FeaturePool.bundled();
    }
    return pool.draw(d, new SplittableRandom(mix(seed ^ POOL_SALT, index)));
  }

  private static final long POOL_SALT = 0x706f6f6c5eedL;

  /** The scenario simulated. */
  public Scenario scenario() {
    return scenario;
  }

  /** The reward runs are scored with. */
  public Reward reward() {
    return reward;
  }

  /** The ground truth of the run in progress, for the oracle. */
  public GroundTruth truth() {
    return truth;
  }

  /** A context for policies that route this scenario's backends, with this simulator's ground truth. */
  public PolicyContext context(long seed) {
    return new PolicyContext(names, new StateSpace(names.size()), settings, seed, truth);
  }

  /** Runs {@code episodes} episodes with {@code policy}; see {@link #run(RoutingPolicy, long, int, Progress, Observer)}. */
  public RunResult run(RoutingPolicy policy, long seed, int episodes, Progress progress) {
    return run(policy, seed, episodes, progress, Observer.NONE);
  }

  /**
   * Runs {@code episodes} episodes with {@code policy}, which learns unless frozen. The world
   * (clock, live figures, circuit breakers, slow verdicts) starts fresh; the policy keeps what it
   * knows.
   */
  public RunResult run(RoutingPolicy policy, long seed, int episodes, Progress progress, Observer observer) {
    World w = new World(seed, episodes, progress, observer);
    world = w;
    w.router = PolicyRouter.builder()
        .backends(names)
        .policy(policy)
        .settings(settings)
        .reward(reward)
        .stats(i -> w.backends[i].snapshot(w.now))
        .clock(() -> (long) (w.now * 1e9))
        .build();
    if (episodes > 0) {
      w.schedule(new Event(0, ARRIVE, w.newEpisode(0, 0), -1, null, null));
    }
    while (!w.events.isEmpty()) {
      Event e = w.events.poll();
      w.now = e.time;
      if (e.type == ARRIVE) {
        if (e.episode.index + 1 < episodes) {
          double gap = -workload.arrivalGapSeconds() * Math.log(1 - w.arrivals.nextDouble());
          w.schedule(new Event(e.time + gap, ARRIVE, w.newEpisode(e.episode.index + 1, e.time + gap), -1, null, null));
        }
        w.decide(e.episode);
      } else {
        w.complete(e);
      }
    }
    progress.update(episodes, episodes);
    List<Long> answers = new ArrayList<>();
    for (SimBackend b : w.backends) {
      answers.add(b.answers);
    }
    List<SimulatedEpisode> results = Arrays.asList(w.results);
    return new RunResult(results, answers, w.now);
  }

  private static long mix(long seed, long index) {
    return Seeds.mix(seed, index);
  }

  /** One episode in progress. */
  private static final class Episode {
    final int index;
    final double arrival;
    final Difficulty difficulty;
    final Difficulty visible;
    final SplittableRandom random;
    int attempt;
    LastOutcome last = LastOutcome.NONE;
    int promptTokens;
    int excluded;
    double reward;
    double cost;
    int failures;

    final float[] text;

    Episode(int index, double arrival, Difficulty difficulty, Difficulty visible, int promptTokens, SplittableRandom random,
        float[] text) {
      this.text = text;
      this.index = index;
      this.arrival = arrival;
      this.difficulty = difficulty;
      this.visible = visible;
      this.promptTokens = promptTokens;
      this.random = random;
    }
  }

  /** What a call will turn out to be, drawn when it starts. */
  private record Call(
      boolean failed, double latency, double ttft, double tokensPerSecond, int tokens, boolean passed,
      boolean partial, double cost, RouteContext context) {}

  private record Event(double time, int type, Episode episode, int backend, RouteDecision decision, Call call) {}

  /** A backend's state during a run. */
  private final class SimBackend {
    final Profile profile;
    final LiveStats stats = new LiveStats();
    final Periods slow;
    final Periods outages;
    int inFlight;
    long answers;
    int consecutiveFailures;
    int opens;
    double openUntil = Double.NEGATIVE_INFINITY;

    SimBackend(Profile profile, long seed) {
      this.profile = profile;
      this.slow = new Periods(profile.slowPeriods(), profile.randomSlowPeriods(), new SplittableRandom(mix(seed, 1)));
      this.outages = new Periods(profile.outages(), profile.randomOutages(), new SplittableRandom(mix(seed, 2)));
    }

    BackendStats.Availability availability(double now) {
      if (now < openUntil) {
        return BackendStats.Availability.UNAVAILABLE;
      }
      return consecutiveFailures >= workload.breakerFailures()
          ? BackendStats.Availability.PROBING
          : BackendStats.Availability.AVAILABLE;
    }

    BackendStats snapshot(double now) {
      return stats.snapshot(availability(now));
    }

    /** How much slower than its profile the backend answers now. */
    double factor(double now) {
      return (1 + profile.loadSlowdown() * inFlight) * slow.factor(now);
    }

    /** Counts a failure; enough of them in a row open the circuit, each reopening for twice as long (up to 16x). */
    void failed(double now) {
      consecutiveFailures++;
      if (consecutiveFailures >= workload.breakerFailures()) {
        openUntil = now + workload.breakerCooldownSeconds() * (1 << Math.min(opens, 4));
        opens++;
      }
    }

    void succeeded() {
      consecutiveFailures = 0;
      opens = 0;
      openUntil = Double.NEGATIVE_INFINITY;
    }
  }

  /** Fixed periods plus random ones generated as time goes on. */
  private static final class Periods {
    final List<Window> fixed;
    final Scenario.RandomWindows random;
    final SplittableRandom generator;
    final List<Window> drawn = new ArrayList<>();

    Periods(List<Window> fixed, Scenario.RandomWindows random, SplittableRandom generator) {
      this.fixed = fixed;
      this.random = random;
      this.generator = generator;
    }

    double factor(double t) {
      double f = 1;
      for (Window w : fixed) {
        if (w.contains(t)) {
          f = Math.max(f, w.factor());
        }
      }
      Window w = drawnAt(t);
      return w == null ? f : Math.max(f, w.factor());
    }

    boolean active(double t) {
      for (Window w : fixed) {
        if (w.contains(t)) {
          return true;
        }
      }
      return drawnAt(t) != null;
    }

    private Window drawnAt(double t) {
      if (!random.enabled()) {
        return null;
      }
      while (drawn.isEmpty() || drawn.get(drawn.size() - 1).end() <= t) {
        double after = drawn.isEmpty() ? 0 : drawn.get(drawn.size() - 1).end();
        drawn.add(random.next(after, generator));
      }
      int lo = 0;
      int hi = drawn.size() - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (drawn.get(mid).end() <= t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      Window w = drawn.get(lo);
      return w.contains(t) ? w : null;
    }
  }

  /** One run's world. */
  private final class World {
    final long seed;
    final int episodes;
    final Progress progress;
    final Observer observer;
    final SimBackend[] backends;
    final SplittableRandom arrivals;
    final PriorityQueue<Event> events = new PriorityQueue<>(
        Comparator.comparingDouble(Event::time).thenComparingLong(e -> ((long) e.episode.index << 1) | e.type));
    final SimulatedEpisode[] results;
    PolicyRouter router;
    double now;
    int done;
    long reported = -1;

    World(long seed, int episodes, Progress progress, Observer observer) {
      this.seed = seed;
      this.episodes = episodes;
      this.progress = progress;
      this.observer = observer;
      this.arrivals = new SplittableRandom(mix(seed, -1));
      this.backends = new SimBackend[names.size()];
      for (int i = 0; i < backends.length; i++) {
        backends[i] = new SimBackend(scenario.backends().get(i), mix(seed, -1000 - i));
      }
      this.results = new SimulatedEpisode[episodes];
    }

    void schedule(Event e) {
      events.add(e);
    }

    Episode newEpisode(int index, double arrival) {
      SplittableRandom r = new SplittableRandom(mix(seed, index));
      double u = r.nextDouble();
      var mix = workload.mix();
      Difficulty d = u < mix.easy() ? Difficulty.EASY : u < mix.easy() + mix.medium() ? Difficulty.MEDIUM : Difficulty.HARD;
      boolean told = r.nextDouble() < workload.difficultyVisible();
      FeaturePool.Entry prompt = visibility == Visibility.BLIND ? null : prompt(d, seed, index);
      Difficulty visible = switch (visibility) {
        case SCENARIO -> told ? d : prompt.estimate().routed();
        case TOLD -> d;
        case ESTIMATED -> prompt.estimate().routed();
        case BLIND -> Difficulty.UNKNOWN;
      };
      int promptTokens = (int) Math.max(1, Math.round(workload.promptTokens().at(r.nextGaussian())));
      return new Episode(index, arrival, d, visible, promptTokens, r, prompt == null ? null : prompt.projection());
    }

    void decide(Episode e) {
      RouteContext context = new RouteContext(e.visible, e.attempt, e.last, e.promptTokens, e.text);
      RouteDecision decision;
      try {
        decision = router.choose(context, e.excluded);
      } catch (BackendUnavailableException ex) {
        finish(e, false, true);
        return;
      }
      observer.decided(now, e.index, context, decision);
      int b = router.indexOf(decision.backend());
      SimBackend backend = backends[b];
      Call call = draw(e, backend, context);
      backend.inFlight++;
      backend.stats.started();
      schedule(new Event(now + call.latency, COMPLETE, e, b, decision, call));
    }

    Call draw(Episode e, SimBackend backend, RouteContext context) {
      SplittableRandom r = e.random;
      double uFail = r.nextDouble();
      double z1 = r.nextGaussian();
      double z2 = r.nextGaussian();
      double z3 = r.nextGaussian();
      double uPass = r.nextDouble();
      double uPartial = r.nextDouble();
      Profile p = backend.profile;
      if (backend.outages.active(now) || uFail < p.failureRate()) {
        return new Call(true, p.failureSeconds(), 0, 0, 0, false, false, 0, context);
      }
      double factor = backend.factor(now);
      double ttft = (p.ttftSeconds() + e.promptTokens / p.prefillTokensPerSecond()) * factor * Math.exp(p.speedSigma() * z1);
      int tokens = (int) Math.max(1, Math.round(p.answerTokens().at(z2)));
      double tps = p.decodeTokensPerSecond() / factor * Math.exp(-p.speedSigma() * z3);
      double latency = ttft + tokens / tps;
      double pass = truth.pass(backend.profile, e.difficulty, e.attempt, e.last);
      boolean passed = uPass < pass;
      boolean partial = !passed && uPartial < workload.partialShare();
      double cost = p.pricing().cost(e.promptTokens, tokens);
      return new Call(false, latency, ttft, tps, tokens, passed, partial, cost, context);
    }

    void complete(Event ev) {
      Episode e = ev.episode;
      SimBackend backend = backends[ev.backend];
      Call call = ev.call;
      backend.inFlight--;
      if (call.failed) {
        backend.stats.failed();
        backend.failed(now);
        Outcome outcome = new Outcome(0, call.latency, 0, false, true, null);
        router.feedback(ev.decision, outcome);
        e.reward += reward.of(outcome);
        e.failures++;
        e.excluded |= 1 << ev.backend;
        decide(e);
        return;
      }
      backend.stats.succeeded(new Timings(call.ttft * 1000, call.tokensPerSecond, call.latency * 1000));
      backend.succeeded();
      backend.answers++;
      int nextAttempt = e.attempt + 1;
      boolean terminal = call.passed || nextAttempt >= workload.maxAttempts();
      LastOutcome last = call.partial ? LastOutcome.TESTS_PARTIAL : LastOutcome.TESTS_FAILED;
      int nextPrompt = e.promptTokens + workload.promptGrowthPerAttempt();
      RouteContext next = terminal ? null : call.context.next(last, nextPrompt);
      Outcome outcome = new Outcome(call.passed ? 1 : 0, call.latency, call.cost, terminal, false, next);
      router.feedback(ev.decision, outcome);
      e.reward += reward.of(outcome);
      e.cost += call.cost;
      e.attempt = nextAttempt;
      if (terminal) {
        finish(e, call.passed, false);
      } else {
        e.last = last;
        e.promptTokens = nextPrompt;
        e.excluded = 0;
        decide(e);
      }
    }

    void finish(Episode e, boolean solved, boolean unavailable) {
      results[e.index] = new SimulatedEpisode(e.index, e.difficulty, solved, e.reward, now - e.arrival,
          e.cost, e.attempt, e.failures, unavailable);
      done++;
      long step = Math.max(1, episodes / 200);
      if (done / step != reported) {
        reported = done / step;
        progress.update(done, episodes);
      }
    }
  }

  /** The ground truth, read from the run in progress. */
  private final class Truth implements GroundTruth {

    double pass(Profile p, Difficulty d, int attempt, LastOutcome last) {
      if (attempt == 0) {
        return p.firstTry().get(d, workload.mix());
      }
      double boost = last == LastOutcome.TESTS_PARTIAL ? workload.partialBoost() : 1;
      return Math.min(1, p.retry().get(d, workload.mix()) * boost);
    }

    private SimBackend backend(int b) {
      if (world == null) {
        throw new IllegalStateException("no run in progress: the ground truth is read during a run");
      }
      return world.backends[b];
    }

    @Override
    public int maxAttempts() {
      return workload.maxAttempts();
    }

    @Override
    public double passProbability(int b, Difficulty d, int attempt, LastOutcome last) {
      return pass(scenario.backends().get(b), d, attempt, last);
    }

    @Override
    public double partialShare() {
      return workload.partialShare();
    }

    @Override
    public double difficultyShare(Difficulty d) {
      return d == Difficulty.UNKNOWN ? 0 : workload.mix().get(d);
    }

    @Override
    public double expectedLatencySeconds(int b, int promptTokens) {
      SimBackend backend = backend(b);
      Profile p = backend.profile;
      double spread = Math.exp(p.speedSigma() * p.speedSigma() / 2);
      double factor = backend.factor(world.now);
      double ttft = (p.ttftSeconds() + promptTokens / p.prefillTokensPerSecond()) * factor * spread;
      double decode = p.answerTokens().mean() * factor / p.decodeTokensPerSecond() * spread;
      return ttft + decode;
    }

    @Override
    public double expectedCost(int b, int promptTokens) {
      Profile p = scenario.backends().get(b);
      return (promptTokens * p.pricing().inputPerMillion()
          + p.answerTokens().mean() * p.pricing().outputPerMillion()) / 1e6;
    }

    @Override
    public double failureProbability(int b) {
      SimBackend backend = backend(b);
      return backend.outages.active(world.now) ? 1 : backend.profile.failureRate();
    }

    @Override
    public double failureSeconds(int b) {
      return scenario.backends().get(b).failureSeconds();
    }

    @Override
    public int nextPromptTokens(int promptTokens) {
      return promptTokens + workload.promptGrowthPerAttempt();
    }

    @Override
    public Reward reward() {
      return reward;
    }
  }
}
