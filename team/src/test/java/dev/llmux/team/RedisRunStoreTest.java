package dev.llmux.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.json.JsonFields;
import dev.llmux.team.store.Completion;
import dev.llmux.team.store.FileChange;
import dev.llmux.team.store.Hashes;
import dev.llmux.team.store.Lease;
import dev.llmux.team.store.RedisRunStore;
import dev.llmux.team.store.RunInfo;
import dev.llmux.team.store.RunStatus;
import dev.llmux.team.store.StoreUnavailableException;
import dev.llmux.team.store.SubtaskRecord;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Valkey/Redis run store against a real redis-server: leases, fencing, conflicts, outages. */
final class RedisRunStoreTest {

  @TempDir Path tmp;
  private RedisServer server;
  private RedisRunStore store;

  @BeforeEach
  void setUp() throws Exception {
    server = RedisServer.start(tmp.resolve("redis"));
    store = RedisRunStore.connect(server.url());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private String newRun(Map<String, String> files, String... subtasks) {
    RunInfo run = new RunInfo(TeamRunner.newRunId(), TeamsTest.team("t"), "task", tmp.toString(), 1, RunStatus.RUNNING, "",
        JsonFields.mapper().createArrayNode());
    store.create(run, files);
    store.save(run);
    store.addSubtasks(run.id(), List.of(subtasks));
    return run.id();
  }

  @Test
  void claim_expiredLease_takenOverAndTheSlowWorkerIsFencedOut() throws Exception {
    String run = newRun(Map.of(), "s1");
    Lease slow = store.claim(run, "s1", List.of(), "slow", 200).orElseThrow();
    assertEquals(Optional.empty(), store.claim(run, "s1", List.of(), "other", 200), "held while the lease lives");
    Optional<Lease> taken = Optional.empty();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (taken.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      taken = store.claim(run, "s1", List.of(), "fast", 60_000);
    }
    Lease fast = taken.orElseThrow(() -> new AssertionError("the expired lease was never taken over"));
    assertTrue(fast.token() > slow.token());
    assertFalse(store.renew(slow, 60_000), "the slow worker cannot renew a lease it lost");
    assertEquals(Completion.Result.STALE, store.complete(slow, "late", List.of(new FileChange("a.txt", "", "slow"))).result());
    assertFalse(store.release(slow, "late failure", true));
    assertEquals(Completion.Result.DONE, store.complete(fast, "ok", List.of(new FileChange("a.txt", "", "fast"))).result());
    assertEquals(Completion.Result.DONE, store.complete(fast, "ok", List.of()).result(), "a repeated completion is idempotent");
    SubtaskRecord r = store.subtasks(run).get(0);
    assertEquals(SubtaskState.DONE, r.state());
    assertEquals("fast", r.owner());
    assertEquals(1, r.seq());
    assertEquals(2, r.claims());
    assertEquals(Map.of("a.txt", "fast"), store.files(run));
    assertEquals(Optional.empty(), store.claim(run, "s1", List.of(), "again", 200), "done is final");
  }

  @Test
  void claim_ownOrphanedLease_takenBackAtOnceWithANewToken() {
    String run = newRun(Map.of(), "s1");
    Lease lost = store.claim(run, "s1", List.of(), "w1", 60_000).orElseThrow(); // say its reply never arrived
    assertEquals(Optional.empty(), store.claim(run, "s1", List.of(), "w2", 60_000), "another worker waits for the lease");
    Lease again = store.claim(run, "s1", List.of(), "w1", 60_000).orElseThrow();
    assertTrue(again.token() > lost.token());
    assertEquals(Completion.Result.STALE, store.complete(lost, "old", List.of()).result());
    assertEquals(Completion.Result.DONE, store.complete(again, "new", List.of()).result());
  }

  @Test
  void claim_waitsForDependencies_andReleaseFeedsTheNextAttempt() {
    String run = newRun(Map.of(), "s1", "s2");
    assertEquals(Optional.empty(), store.claim(run, "s2", List.of("s1"), "w", 60_000));
    Lease one = store.claim(run, "s1", List.of(), "w", 60_000).orElseThrow();
    assertTrue(store.release(one, "check failed", false));
    Lease again = store.claim(run, "s1", List.of(), "w", 60_000).orElseThrow();
    assertEquals(2, again.attempt());
    assertEquals("check failed", again.feedback());
    assertEquals(Completion.Result.DONE, store.complete(again, "ok", List.of()).result());
    assertTrue(store.claim(run, "s2", List.of("s1"), "w", 60_000).isPresent());
  }

  @Test
  void complete_fileChangedSinceTheCopy_conflictAndNothingMerged() {
    String run = newRun(Map.of("shared.txt", "base\n"), "s1", "s2");
    Lease a = store.claim(run, "s1", List.of(), "w1", 60_000).orElseThrow();
    Lease b = store.claim(run, "s2", List.of(), "w2", 60_000).orElseThrow();
    String baseHash = Hashes.of("base\n");
    assertEquals(Completion.Result.DONE, store.complete(a, "a", List.of(new FileChange("shared.txt", baseHash, "base\na\n"),
        new FileChange("a.txt", "", "new"))).result());
    Completion c = store.complete(b, "b", List.of(new FileChange("b.txt", "", "b"), new FileChange("shared.txt", baseHash, "base\nb\n")));
    assertEquals(new Completion(Completion.Result.CONFLICT, List.of("shared.txt")), c);
    assertEquals(Map.of("shared.txt", "base\na\n", "a.txt", "new"), store.files(run), "all or nothing");
    assertEquals(Map.of("shared.txt", "base\n"), store.baseFiles(run));
  }

  @Test
  void connect_unreachableOrMalformed_clearErrors() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "redis://127.0.0.1:" + port + "/0";
    String m = assertThrows(StoreUnavailableException.class, () -> RedisRunStore.connect(url)).getMessage();
    assertTrue(m.startsWith("the run store " + url + " does not answer"), m);
    assertTrue(assertThrows(TeamException.class, () -> RedisRunStore.connect("redis://h:1/x")).getMessage()
        .contains("the database must be a number"));
    String secret = assertThrows(StoreUnavailableException.class,
        () -> RedisRunStore.connect("redis://:hunter2@127.0.0.1:" + port + "/0")).getMessage();
    assertFalse(secret.contains("hunter2"), secret);
  }

  @Test
  void run_redisRestartedMidRun_workersRetryAndEverySubtaskDoneOnce() throws Exception {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("ws"));
    Team team = new Team("t", "mock:x", "", "solo", "mock", 2, ApprovalMode.AUTO, "inline", Budget.DEFAULT, 0);
    java.util.concurrent.CountDownLatch restarted = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    dev.llmux.team.mock.ScriptedTeammate inner = new dev.llmux.team.mock.ScriptedTeammate(0);
    Teammate waiting = a -> {
      if (calls.incrementAndGet() == 3) {
        assertTrue(restarted.await(60, TimeUnit.SECONDS)); // the 3rd attempt finishes only after the restart
      }
      return inner.work(a);
    };
    TeamRunner runner = TeamRunner.builder().store(store).lead(new dev.llmux.team.mock.ScriptedLead(List.of(
        Plans.eight("x").toJsonText()))).teammate(waiting).checks(new AcceptanceChecks(dev.llmux.agent.sandbox.Sandbox.detect()))
        .backoff(new Backoff(20, 500)).build();
    RunInfo started = runner.start(team, "task", dir);
    Thread restarter = new Thread(() -> {
      try {
        while (calls.get() < 3) {
          Thread.sleep(20);
        }
        server.restart();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        restarted.countDown();
      }
    });
    restarter.start();
    RunInfo done = runner.execute(started.id());
    restarter.join();
    assertEquals(RunStatus.FINISHED, done.status());
    List<SubtaskRecord> records = store.subtasks(started.id());
    assertTrue(records.stream().allMatch(r -> r.state() == SubtaskState.DONE), records.toString());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), records.stream().map(SubtaskRecord::seq).sorted().toList(),
        "every subtask merged exactly once");
    for (int i = 1; i <= 8; i++) {
      assertTrue(java.nio.file.Files.readString(dir.resolve("s" + i + ".txt")).startsWith("s" + i + ": "));
    }
  }

  @Test
  void worker_joinsARunLeftToWorkers_andFinishesIt() throws Exception {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("ws"));
    Team team = new Team("t", "mock:x", "", "solo", "mock", 2, ApprovalMode.AUTO, "inline", Budget.DEFAULT, 0);
    TeamRunner lead = TeamRunner.builder().store(store).lead(new dev.llmux.team.mock.ScriptedLead(List.of(
        Plans.eight("x").toJsonText()))).teammate(a -> {
          throw new AssertionError("the run's own process runs nothing with --parallel 0");
        }).checks(new AcceptanceChecks(dev.llmux.agent.sandbox.Sandbox.detect())).parallel(0).build();
    RunInfo started = lead.start(team, "task", dir);
    java.util.concurrent.atomic.AtomicReference<java.util.Set<String>> joined = new java.util.concurrent.atomic.AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        joined.set(new TeamWorker(store, dev.llmux.agent.sandbox.Sandbox.detect(), 2, "w9", 10_000, tmp).work(3_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    worker.start();
    RunInfo done = lead.execute(started.id());
    worker.join(TimeUnit.SECONDS.toMillis(120));
    assertEquals(RunStatus.FINISHED, done.status());
    assertEquals(java.util.Set.of(started.id()), joined.get());
    List<SubtaskRecord> records = store.subtasks(started.id());
    assertTrue(records.stream().allMatch(r -> r.state() == SubtaskState.DONE && r.owner().equals("w9")), records.toString());
    assertEquals(List.of(), store.active(), "a finished run is no longer offered to workers");
  }
}
