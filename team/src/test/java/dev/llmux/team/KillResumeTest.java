package dev.llmux.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.team.mock.ScriptedTeammate;
import dev.llmux.team.store.FileRunStore;
import dev.llmux.team.store.RunInfo;
import dev.llmux.team.store.RunStatus;
import dev.llmux.team.store.SubtaskRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SIGKILL of a run's process in the middle of its subtasks, then resume: nothing finished runs again, nothing is lost. */
final class KillResumeTest {

  @TempDir Path tmp;

  static Process start(Path log, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
        KillTarget.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(log.toFile()).start();
  }

  @Test
  void sigkillMidRun_resume_finishedSubtasksKeptAndEveryOneDoneOnce() throws Exception {
    Path runs = tmp.resolve("runs");
    Path dir = Files.createDirectories(tmp.resolve("ws"));
    Process p = start(tmp.resolve("child.log"), "run", runs.toString(), dir.toString(), "400", "2");
    String id;
    Map<String, SubtaskRecord> before;
    try {
      id = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertTrue(id != null && !id.isBlank(), "no run id: " + Files.readString(tmp.resolve("child.log")));
      FileRunStore peek = new FileRunStore(runs);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      // kill once three subtasks are done and at least one is running
      while (System.nanoTime() < deadline) {
        List<SubtaskRecord> rs = safe(peek, id);
        long done = rs.stream().filter(r -> r.state() == SubtaskState.DONE).count();
        boolean running = rs.stream().anyMatch(r -> r.state() == SubtaskState.RUNNING);
        if (done >= 3 && running) {
          break;
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        Thread.sleep(10);
      }
    } finally {
      p.destroyForcibly(); // SIGKILL
      p.waitFor(30, TimeUnit.SECONDS);
    }
    FileRunStore store = new FileRunStore(runs);
    before = store.subtasks(id).stream().collect(Collectors.toMap(SubtaskRecord::id, r -> r));
    assertTrue(before.values().stream().anyMatch(r -> r.state() != SubtaskState.DONE), "killed before the end");
    TeamRunner runner = TeamRunner.builder().store(store).teammate(new ScriptedTeammate(0))
        .checks(new AcceptanceChecks(Sandbox.detect())).build();
    RunInfo after = runner.execute(id);
    store.close();
    assertEquals(RunStatus.FINISHED, after.status());
    List<SubtaskRecord> records = new FileRunStore(runs).subtasks(id);
    for (SubtaskRecord r : records) {
      assertEquals(SubtaskState.DONE, r.state(), r.toString());
      SubtaskRecord b = before.get(r.id());
      if (b.state() == SubtaskState.DONE) {
        assertEquals(b, r, "a subtask finished before the kill was not run again");
      }
    }
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), records.stream().map(SubtaskRecord::seq).sorted().toList());
    for (int i = 1; i <= 8; i++) {
      assertTrue(Files.readString(dir.resolve("s" + i + ".txt")).startsWith("s" + i + ": "));
    }
  }

  private static List<SubtaskRecord> safe(FileRunStore store, String id) {
    try {
      return store.subtasks(id);
    } catch (RuntimeException e) {
      return List.of(); // not created yet
    }
  }
}
