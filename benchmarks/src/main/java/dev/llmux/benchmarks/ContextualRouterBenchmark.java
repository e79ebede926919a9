package dev.llmux.benchmarks;

import dev.llmux.engine.BackendStats;
import dev.llmux.router.PolicyRouter;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.text.FeaturePool;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

/**
 * {@code contextual.LinUcb} against {@code rl.TabularQ} through a {@link PolicyRouter} over 8
 * backends: {@code choose} and {@code feedback} on one thread, with real 32-number text vectors
 * from the bundled feature pool. Target: {@code choose} under 5 µs and 0 B/op (run with {@code
 * -prof gc}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ContextualRouterBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ContextualRouterBenchmark {

  /** Prepared contexts: as many as {@link RouterBenchmark}'s, whose cursor this benchmark shares. */
  public static final int CONTEXTS = RouterBenchmark.CONTEXTS;

  /** The policy, as a registry spec. */
  @Param({"contextual.LinUcb", "rl.TabularQ"})
  public String policy;

  private PolicyRouter router;
  private final RouteContext[] contexts = new RouteContext[CONTEXTS];
  private final RouteDecision[] decisions = new RouteDecision[CONTEXTS];
  private final Outcome[] outcomes = new Outcome[CONTEXTS];

  /** Builds the router over 8 backends, the contexts with pooled text vectors, and trains briefly. */
  @Setup(Level.Trial)
  public void setUp() {
    List<String> names = new ArrayList<>();
    BackendStats[] stats = new BackendStats[8];
    for (int i = 0; i < 8; i++) {
      names.add("b" + i);
      stats[i] = new BackendStats(0, 100, 150 + 100 * i, 40 - 4 * i, 0.01, BackendStats.Availability.AVAILABLE);
    }
    router = PolicyRouter.builder().backends(names).policy(policy).seed(42).stats(i -> stats[i]).build();
    FeaturePool pool = FeaturePool.bundled();
    Difficulty[] known = {Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD};
    LastOutcome[] lasts = LastOutcome.values();
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < CONTEXTS; i++) {
      FeaturePool.Entry e = pool.draw(known[i % 3], r);
      contexts[i] = new RouteContext(e.estimate().routed(), (i / 4) % 3, lasts[(i / 2) % lasts.length],
          i % 5 == 0 ? 4000 : 600, e.projection());
    }
    for (int i = 0; i < CONTEXTS; i++) {
      decisions[i] = router.choose(contexts[i]);
      outcomes[i] = new Outcome(i % 3 == 0 ? 0.0 : 1.0, 0.2 + (i % 7) * 0.3, 0.0, true, false, null);
    }
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < CONTEXTS; i++) {
        router.feedback(router.choose(contexts[i]), outcomes[i]);
      }
    }
  }

  /** One {@code choose}, one thread. */
  @Benchmark
  public RouteDecision choose(RouterBenchmark.Cursor c) {
    return router.choose(contexts[c.advance()]);
  }

  /** One {@code choose} and its {@code feedback}, one thread. */
  @Benchmark
  public RouteDecision chooseAndFeedback(RouterBenchmark.Cursor c) {
    int i = c.advance();
    RouteDecision d = router.choose(contexts[i]);
    router.feedback(d, outcomes[i]);
    return d;
  }
}
