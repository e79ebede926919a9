package dev.llmux.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.team.mock.ScriptedLead;
import dev.llmux.team.mock.ScriptedTeammate;
import dev.llmux.team.store.RedisRunStore;
import dev.llmux.team.store.RunInfo;
import dev.llmux.team.store.RunStatus;
import dev.llmux.team.store.SubtaskRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker processes share a run through a real redis-server; one is SIGKILLed in the middle of
 * a subtask; the other takes the subtask over when its lease expires. Every subtask is merged
 * exactly once. About 15 s, so tagged slow.
 */
@Tag("slow")
final class WorkerKillTest {

  @TempDir Path tmp;

  @Test
  void sigkillOneOfTwoWorkers_leaseExpires_otherFinishesEverySubtaskOnce() throws Exception {
    try (RedisServer server = RedisServer.start(tmp.resolve("redis")); RedisRunStore store = RedisRunStore.connect(server.url())) {
      Path dir = Files.createDirectories(tmp.resolve("ws"));
      Team team = new Team("t", "mock:x", "", "solo", "mock", 1, ApprovalMode.AUTO, "inline", Budget.DEFAULT, 1500);
      TeamRunner lead = TeamRunner.builder().store(store).lead(new ScriptedLead(List.of(Plans.eight("x").toJsonText())))
          .teammate(new ScriptedTeammate(0)).checks(new AcceptanceChecks(Sandbox.detect())).parallel(0).build();
      RunInfo run = lead.start(team, "task", dir);
      AtomicReference<RunInfo> finished = new AtomicReference<>();
      Thread leadThread = new Thread(() -> {
        try {
          finished.set(lead.execute(run.id()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      leadThread.start();
      Process a = KillResumeTest.start(tmp.resolve("a.log"), "worker", server.url(), "1000", "wa");
      Process b = KillResumeTest.start(tmp.resolve("b.log"), "worker", server.url(), "1000", "wb");
      String killed;
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Optional<SubtaskRecord> held = Optional.empty();
        while (held.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20);
          held = store.subtasks(run.id()).stream()
              .filter(r -> r.state() == SubtaskState.RUNNING && r.owner().equals("wa")).findFirst();
        }
        killed = held.orElseThrow(() -> new AssertionError("worker wa never claimed a subtask")).id();
        a.destroyForcibly(); // SIGKILL mid-subtask
        a.waitFor(30, TimeUnit.SECONDS);
        leadThread.join(TimeUnit.SECONDS.toMillis(120));
      } finally {
        a.destroyForcibly();
        b.destroyForcibly();
        b.waitFor(30, TimeUnit.SECONDS);
      }
      assertEquals(RunStatus.FINISHED, finished.get().status());
      List<SubtaskRecord> records = store.subtasks(run.id());
      assertTrue(records.stream().allMatch(r -> r.state() == SubtaskState.DONE), records.toString());
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), records.stream().map(SubtaskRecord::seq).sorted().toList());
      SubtaskRecord k = records.stream().filter(r -> r.id().equals(killed)).findFirst().orElseThrow();
      assertEquals("wb", k.owner(), "the surviving worker finished the killed worker's subtask");
      assertTrue(k.claims() >= 2, k.toString());
      for (int i = 1; i <= 8; i++) {
        assertTrue(Files.readString(dir.resolve("s" + i + ".txt")).startsWith("s" + i + ": "));
      }
    }
  }
}
