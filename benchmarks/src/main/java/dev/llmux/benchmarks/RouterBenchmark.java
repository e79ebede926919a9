package dev.llmux.benchmarks;

import dev.llmux.engine.BackendStats;
import dev.llmux.router.PolicyRouter;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The router's own cost: {@code choose} and {@code feedback} of a {@link PolicyRouter} over three
 * backends, per policy (tabular Q-learning, the bandits, the baselines), on one thread and on every
 * processor at once. Run with {@code -prof gc} (as {@code benchmarks/run.sh} does) for the bytes
 * allocated per call.
 *
 * <p>Requests cycle through {@value #CONTEXTS} prepared contexts (every difficulty, attempt, last
 * outcome and prompt size class), and feedback through as many prepared decisions and outcomes
 * (half of them terminal, half continuing with a next context), so the benchmark itself allocates
 * nothing. The backends' live figures are fixed snapshots, as a stats source that caches them gives.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RouterBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmark {

  /** Prepared contexts, decisions and outcomes; a power of two. */
  public static final int CONTEXTS = 64;

  private static final List<String> BACKENDS = List.of("small", "medium", "large");

  /** The policy, as a registry spec. */
  @Param({"rl.TabularQ", "bandit.Ucb1", "bandit.Thompson", "baseline.Random", "baseline.Cascade",
      "baseline.Always(medium)"})
  public String policy;

  private PolicyRouter router;
  private final RouteContext[] contexts = new RouteContext[CONTEXTS];
  private final RouteDecision[] decisions = new RouteDecision[CONTEXTS];
  private final Outcome[] outcomes = new Outcome[CONTEXTS];

  /** Where one thread is in the prepared arrays. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    int advance() {
      return next++ & (CONTEXTS - 1);
    }
  }

  /** Builds the router and the prepared requests, and trains it briefly so tables are not empty. */
  @Setup(Level.Trial)
  public void setUp() {
    BackendStats[] stats = {
        new BackendStats(0, 100, 150, 40, 0.01, BackendStats.Availability.AVAILABLE),
        new BackendStats(1, 100, 300, 20, 0.02, BackendStats.Availability.AVAILABLE),
        new BackendStats(0, 100, 900, 8, 0.0, BackendStats.Availability.AVAILABLE)};
    router = PolicyRouter.builder().backends(BACKENDS).policy(policy).seed(42).stats(i -> stats[i]).build();
    Difficulty[] difficulties = Difficulty.values();
    LastOutcome[] lasts = LastOutcome.values();
    int[] prompts = {50, 400, 3000, 12000};
    for (int i = 0; i < CONTEXTS; i++) {
      contexts[i] = new RouteContext(difficulties[i % difficulties.length], (i / 4) % 3, lasts[(i / 2) % lasts.length],
          prompts[(i / 3) % prompts.length]);
    }
    for (int i = 0; i < CONTEXTS; i++) {
      decisions[i] = router.choose(contexts[i]);
      boolean terminal = i % 2 == 0;
      outcomes[i] = new Outcome(i % 3 == 0 ? 0.0 : 1.0, 0.2 + (i % 7) * 0.3, 0.0, terminal, false,
          terminal ? null : contexts[(i + 1) % CONTEXTS].next(LastOutcome.TESTS_FAILED, 800));
    }
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < CONTEXTS; i++) {
        router.feedback(router.choose(contexts[i]), outcomes[i]);
      }
    }
  }

  /** One {@code choose}, one thread. */
  @Benchmark
  public RouteDecision choose(Cursor c) {
    return router.choose(contexts[c.advance()]);
  }

  /** One {@code feedback}, one thread. */
  @Benchmark
  public void feedback(Cursor c) {
    int i = c.advance();
    router.feedback(decisions[i], outcomes[i]);
  }

  /** One {@code choose} on every processor at once. */
  @Benchmark
  @Threads(Threads.MAX)
  public RouteDecision chooseContended(Cursor c) {
    return router.choose(contexts[c.advance()]);
  }

  /** One {@code feedback} on every processor at once. */
  @Benchmark
  @Threads(Threads.MAX)
  public void feedbackContended(Cursor c) {
    int i = c.advance();
    router.feedback(decisions[i], outcomes[i]);
  }
}
