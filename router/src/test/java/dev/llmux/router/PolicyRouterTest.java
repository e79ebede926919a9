package dev.llmux.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.BackendStats;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.router.policy.Inspectable;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.policy.rl.TabularQPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

final class PolicyRouterTest {

  private static final List<String> BACKENDS = List.of("a", "b", "c");

  private static RouterSettings exploring(double epsilon) {
    RouterSettings d = RouterSettings.defaults();
    return new RouterSettings(d.reward(), new RouterSettings.TabularQ(0.1, 1, epsilon, epsilon, 1, 1), d.ucb1(),
        d.thompson(), d.regimes(), d.training());
  }

  private static BackendStats stats(BackendStats.Availability availability) {
    return new BackendStats(0, 0, 0, 0, 0, availability);
  }

  @Test
  void chooseAndFeedback_manyThreadsAtOnce_loseNoUpdateAndDoNotDeadlock() {
    int threads = 8;
    int perThread = 5000;
    PolicyRouter router = PolicyRouter.builder().backends(BACKENDS).settings(exploring(0.3)).policy("rl.TabularQ").build();
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<int[]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        futures.add(pool.submit(() -> {
          SplittableRandom random = new SplittableRandom(seed);
          int failures = 0;
          start.await();
          for (int i = 0; i < perThread; i++) {
            RouteContext context = RouteContext.first(Difficulty.values()[random.nextInt(4)]);
            RouteDecision d = router.choose(context);
            boolean failure = random.nextInt(10) == 0;
            failures += failure ? 1 : 0;
            router.feedback(d, new Outcome(random.nextDouble(), 1, 0, true, failure, null));
          }
          return new int[] {failures};
        }));
      }
      start.countDown();
      int failures = 0;
      for (Future<int[]> f : futures) {
        failures += f.get()[0];
      }
      pool.shutdown();
      long total = (long) threads * perThread;
      assertEquals(total, router.decisions());
      assertEquals(total, router.feedbacks());
      assertEquals(failures, router.backendFailures());
      TabularQPolicy q = (TabularQPolicy) router.policy();
      assertEquals(total - failures, q.updates(), "every learnable feedback became one update");
      assertEquals(failures, q.ignored());
      assertEquals(total, q.episodes());
      q.check();
    });
  }

  @Test
  void choose_unavailableBackend_isNeverChosen() {
    PolicyRouter router = PolicyRouter.builder().backends(BACKENDS).settings(exploring(1.0)).policy("rl.TabularQ")
        .stats(i -> stats(i == 1 ? BackendStats.Availability.UNAVAILABLE : BackendStats.Availability.AVAILABLE))
        .build();
    boolean sawA = false;
    boolean sawC = false;
    for (int i = 0; i < 2000; i++) {
      String b = router.choose(RouteContext.first(Difficulty.EASY)).backend();
      assertNotEquals("b", b);
      sawA |= b.equals("a");
      sawC |= b.equals("c");
    }
    assertTrue(sawA && sawC, "exploration reached both available backends");
  }

  @Test
  void choose_probingBackend_mayBeChosen() {
    PolicyRouter router = PolicyRouter.builder().backends(List.of("a")).policy("rl.TabularQ")
        .stats(i -> stats(BackendStats.Availability.PROBING)).build();
    assertEquals("a", router.choose(RouteContext.first(Difficulty.EASY)).backend());
  }

  @Test
  void choose_excludedBackends_areSkipped() {
    PolicyRouter router = PolicyRouter.builder().backends(BACKENDS).policy("baseline.Always(a)").build();
    assertEquals("a", router.choose(RouteContext.first(Difficulty.EASY), 0).backend());
    assertEquals("b", router.choose(RouteContext.first(Difficulty.EASY), 0b001).backend());
  }

  @Test
  void choose_nothingAvailable_throwsUnavailable() {
    PolicyRouter router = PolicyRouter.builder().backends(BACKENDS).policy("rl.TabularQ")
        .stats(i -> stats(i == 0 ? BackendStats.Availability.UNAVAILABLE : BackendStats.Availability.AVAILABLE)).build();
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> router.choose(RouteContext.first(Difficulty.EASY), 0b110));
    assertTrue(e.getMessage().contains("a unavailable, b failed, c failed"), e.getMessage());
  }

  @Test
  void choose_slowBackend_isMarkedInTheDecisionsState() {
    AtomicReferenceArray<BackendStats> live = new AtomicReferenceArray<>(3);
    for (int i = 0; i < 3; i++) {
      live.set(i, new BackendStats(0, 1, 500, 50, 0, BackendStats.Availability.AVAILABLE));
    }
    long[] now = {0};
    PolicyRouter router = PolicyRouter.builder().backends(BACKENDS).policy("rl.TabularQ")
        .stats(live::get).clock(() -> now[0]).build();
    RouteDecision before = router.choose(RouteContext.first(Difficulty.EASY));
    assertEquals(0, StateSpace.slowMaskOf(before.state()));
    live.set(2, new BackendStats(0, 2, 2000, 10, 0, BackendStats.Availability.AVAILABLE));
    now[0] = 1_000_000_000L;
    RouteDecision after = router.choose(RouteContext.first(Difficulty.EASY));
    assertEquals(0b100, StateSpace.slowMaskOf(after.state()));
    assertTrue(router.slow(2));
  }

  @Test
  void feedback_decisionForAnotherRouter_isRejected() {
    PolicyRouter router = PolicyRouter.builder().backends(BACKENDS).build();
    assertThrows(IllegalArgumentException.class,
        () -> router.feedback(new RouteDecision("zz", 0, "x", 1), new Outcome(1, 1, 0, true, false, null)));
  }

  @Test
  void feedback_nonTerminalOutcome_bootstrapsOnTheNextContext() {
    PolicyRouter router = PolicyRouter.builder().backends(List.of("a")).policy("rl.TabularQ").build();
    RouteContext first = RouteContext.first(Difficulty.HARD);
    RouteContext second = first.next(RouteContext.LastOutcome.TESTS_FAILED, 100);
    RouteDecision d2 = router.choose(second);
    router.feedback(d2, new Outcome(1, 0, 0, true, false, null));
    RouteDecision d1 = router.choose(first);
    router.feedback(d1, new Outcome(0, 0, 0, false, false, second));
    TabularQPolicy q = (TabularQPolicy) router.policy();
    assertEquals(1.0, q.value(d1.state(), 0), 1e-12, "reward 0 plus the next state's value 1 (gamma 1)");
  }

  @Test
  void reward_isWhatThePolicyLearnsWith() {
    assertEquals(RouterSettings.defaults().reward(), PolicyRouter.builder().backends(BACKENDS).build().reward());
    Reward reward = new Reward(0.5, 100);
    PolicyRouter router = PolicyRouter.builder().backends(BACKENDS).policy("bandit.Ucb1").reward(reward).build();
    assertEquals(reward, router.reward());
    RouteDecision d = router.choose(RouteContext.first(Difficulty.EASY));
    Outcome outcome = new Outcome(1, 0.4, 0.001, true, false, null);
    router.feedback(d, outcome);
    double learned = ((Inspectable) router.policy()).value(d.state(), router.indexOf(d.backend()));
    assertEquals(1 - 0.5 * 0.4 - 100 * 0.001, learned, 1e-12);
    assertEquals(router.reward().of(outcome), learned, 1e-12);
  }
}
