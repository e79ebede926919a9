package dev.llmux.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.team.mock.ScriptedLead;
import dev.llmux.team.mock.ScriptedTeammate;
import dev.llmux.team.store.FileRunStore;
import dev.llmux.team.store.RunInfo;
import dev.llmux.team.store.RunStatus;
import dev.llmux.team.store.SubtaskRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Team runs end to end on the file store, with [MOCK] scripted leads and teammates and the real sandbox for checks. */
final class TeamRunnerTest {

  private static final AcceptanceChecks CHECKS = new AcceptanceChecks(Sandbox.detect());

  @TempDir Path tmp;
  private Path dir;
  private FileRunStore store;

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createDirectories(tmp.resolve("ws"));
    store = new FileRunStore(tmp.resolve("runs"));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static Team team(int parallel, ApprovalMode mode, Budget budget) {
    return new Team("t", "mock:x", "", "solo", "mock", parallel, mode, "inline", budget, 0);
  }

  private RunInfo run(Team team, Lead lead, Teammate mate, Approver approver) throws Exception {
    TeamRunner runner = TeamRunner.builder().store(store).lead(lead).teammate(mate).checks(CHECKS).approver(approver)
        .backoff(new Backoff(1, 5)).build();
    RunInfo started = runner.start(team, "build it", dir);
    return runner.execute(started.id());
  }

  private Map<String, SubtaskRecord> states(String run) {
    return store.subtasks(run).stream().collect(Collectors.toMap(SubtaskRecord::id, r -> r));
  }

  private List<String> kinds(RunInfo run, String kind) {
    List<String> out = new ArrayList<>();
    for (JsonNode h : run.history()) {
      if (h.path("kind").asText().equals(kind)) {
        out.add(h.toString());
      }
    }
    return out;
  }

  @Test
  void execute_eightSubtasks_allDoneMergedAndAtMostNAtOnce() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    CountDownLatch bothRoots = new CountDownLatch(2);
    List<Boolean> overlapped = new ArrayList<>();
    ScriptedTeammate inner = new ScriptedTeammate(0);
    Teammate counting = a -> {
      max.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        if (a.subtask().id().equals("s1") || a.subtask().id().equals("s2")) {
          bothRoots.countDown();
          boolean both = bothRoots.await(60, TimeUnit.SECONDS);
          synchronized (overlapped) {
            overlapped.add(both);
          }
        }
        return inner.work(a);
      } finally {
        now.decrementAndGet();
      }
    };
    RunInfo run = run(team(2, ApprovalMode.AUTO, Budget.DEFAULT), new ScriptedLead(List.of(Plans.eight("x").toJsonText())),
        counting, null);
    assertEquals(RunStatus.FINISHED, run.status());
    assertTrue(states(run.id()).values().stream().allMatch(r -> r.state() == SubtaskState.DONE), store.subtasks(run.id()).toString());
    assertEquals(List.of(true, true), overlapped, "s1 and s2 ran at the same time");
    assertEquals(2, max.get(), "never more than 2 teammates at once");
    for (int i = 1; i <= 8; i++) {
      assertTrue(Files.readString(dir.resolve("s" + i + ".txt")).startsWith("s" + i + ": "));
    }
    // merged in dependency order: s8 last
    assertEquals(8, states(run.id()).get("s8").seq());
  }

  @Test
  void execute_invalidPlans_reaskedWithTheProblemNamed() throws Exception {
    Plan cyclic = new Plan(List.of(Plans.sub("s1", "x", "s2"), Plans.sub("s2", "x", "s1")));
    ScriptedLead lead = new ScriptedLead(List.of("not json", cyclic.toJsonText(), new Plan(List.of(Plans.sub("s1", "x"))).toJsonText()));
    RunInfo run = run(team(1, ApprovalMode.AUTO, Budget.DEFAULT), lead, new ScriptedTeammate(0), null);
    assertEquals(RunStatus.FINISHED, run.status());
    List<List<String>> seen = lead.feedbackSeen();
    assertEquals(3, seen.size());
    assertTrue(seen.get(1).get(0).startsWith("Plan 1 was rejected: the plan is not valid JSON"), seen.toString());
    assertTrue(seen.get(2).get(1).contains("the dependencies form a cycle s1 -> s2 -> s1"), seen.toString());
    assertEquals(3, kinds(run, "plan").size());
    assertEquals(1, kinds(run, "decision").size());
  }

  @Test
  void execute_planAttemptsExhausted_stopped() throws Exception {
    Budget two = new Budget(1, 0, 3, 2, 6);
    RunInfo run = run(team(1, ApprovalMode.AUTO, two), new ScriptedLead(List.of("{\"subtasks\": []}")), new ScriptedTeammate(0), null);
    assertEquals(RunStatus.STOPPED, run.status());
    assertEquals(List.of(), store.subtasks(run.id()));
    assertTrue(kinds(run, "decision").get(0).contains("gave up"));
  }

  @Test
  void execute_autoMode_failedCriteriaSentBack() throws Exception {
    Subtask noCheck = new Subtask("s1", "t", "spec", List.of("s1.txt"), List.of(), List.of(), Size.SMALL);
    ScriptedLead lead = new ScriptedLead(List.of(new Plan(List.of(noCheck)).toJsonText(),
        new Plan(List.of(Plans.sub("s1", "x"))).toJsonText()));
    RunInfo run = run(team(1, ApprovalMode.AUTO, Budget.DEFAULT), lead, new ScriptedTeammate(0), null);
    assertEquals(RunStatus.FINISHED, run.status());
    assertTrue(lead.feedbackSeen().get(1).get(0).contains("acceptance: no acceptance check in s1"), lead.feedbackSeen().toString());
    List<String> decisions = kinds(run, "decision");
    assertTrue(decisions.get(0).contains("\"rejected\"") && decisions.get(1).contains("\"approved\""), decisions.toString());
  }

  @Test
  void execute_criteriaMode_stopsWithTheReport() throws Exception {
    RunInfo run = run(team(1, ApprovalMode.CRITERIA, Budget.DEFAULT), new ScriptedLead(List.of(Plans.eight("x").toJsonText())),
        a -> {
          throw new AssertionError("nothing runs in criteria mode");
        }, null);
    assertEquals(RunStatus.STOPPED, run.status());
    String review = kinds(run, "review").get(0);
    for (String c : List.of("acceptance", "workspace", "budget", "parallel-files")) {
      assertTrue(review.contains("\"name\":\"" + c + "\",\"passed\":true"), review);
    }
  }

  @Test
  void execute_askMode_rejectionFeedbackReachesTheLead() throws Exception {
    ScriptedLead lead = new ScriptedLead(List.of(Plans.eight("x").toJsonText(), new Plan(List.of(Plans.sub("s1", "x"))).toJsonText()));
    List<Integer> shown = new ArrayList<>();
    Approver approver = (plan, criteria) -> {
      shown.add(plan.subtasks().size());
      return plan.subtasks().size() > 1 ? new Approver.Decision(false, "too many subtasks") : new Approver.Decision(true, "");
    };
    RunInfo run = run(team(1, ApprovalMode.ASK, Budget.DEFAULT), lead, new ScriptedTeammate(0), approver);
    assertEquals(List.of(8, 1), shown);
    assertEquals("Plan 1 was rejected by the reviewer: too many subtasks", lead.feedbackSeen().get(1).get(0));
    assertEquals(RunStatus.FINISHED, run.status());
    assertTrue(kinds(run, "decision").get(1).contains("\"by\":\"user\""));
  }

  @Test
  void execute_taskFailure_retriedWithFeedbackThenDependentsSkipped() throws Exception {
    Map<String, List<String>> feedback = new ConcurrentHashMap<>();
    ScriptedTeammate inner = new ScriptedTeammate(0);
    Teammate recording = a -> {
      feedback.computeIfAbsent(a.subtask().id(), k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(a.feedback());
      return inner.work(a);
    };
    List<Subtask> l = new ArrayList<>(Plans.eight("x").subtasks());
    l.set(0, Plans.sub("s1", "x [mock:fail]"));
    l.set(1, Plans.sub("s2", "x [mock:fail-once]"));
    RunInfo run = run(team(2, ApprovalMode.AUTO, new Budget(1, 0, 2, 3, 6)), new ScriptedLead(List.of(new Plan(l).toJsonText())),
        recording, null);
    Map<String, SubtaskRecord> s = states(run.id());
    assertEquals(SubtaskState.FAILED, s.get("s1").state());
    assertEquals(2, s.get("s1").failures());
    assertEquals(List.of("", "[MOCK] scripted failure on attempt 1"), feedback.get("s1"));
    assertEquals(SubtaskState.DONE, s.get("s2").state());
    assertEquals(SubtaskState.DONE, s.get("s5").state());
    for (String skipped : List.of("s3", "s4", "s6", "s7", "s8")) {
      assertEquals(SubtaskState.SKIPPED, s.get(skipped).state(), skipped);
    }
    assertEquals("dependency s1 failed", s.get("s3").error());
    assertEquals("dependency s3 skipped", s.get("s6").error());
    List<String> table = Summary.lines(Plan.parse(run.plan()), store.subtasks(run.id()));
    assertEquals("2 done, 1 failed, 5 skipped of 8 (skipped: s3, s4, s6, s7, s8)", table.get(table.size() - 1));
  }

  @Test
  void execute_failedAcceptanceCheck_isATaskFailureWithTheCheckNamed() throws Exception {
    Plan p = new Plan(List.of(Plans.sub("s1", "x [mock:no-write]")));
    RunInfo run = run(team(1, ApprovalMode.AUTO, new Budget(1, 0, 1, 3, 6)), new ScriptedLead(List.of(p.toJsonText())),
        new ScriptedTeammate(0), null);
    SubtaskRecord r = states(run.id()).get("s1");
    assertEquals(SubtaskState.FAILED, r.state());
    assertTrue(r.error().startsWith("0/1 acceptance checks passed: check `grep -q s1: s1.txt` failed (exit 2"), r.error());
  }

  @Test
  void execute_backendOutage_backsOffWithoutSpendingAttempts() throws Exception {
    Plan p = new Plan(List.of(Plans.sub("s1", "x [mock:outage-3]")));
    RunInfo run = run(team(1, ApprovalMode.AUTO, new Budget(1, 0, 1, 3, 6)), new ScriptedLead(List.of(p.toJsonText())),
        new ScriptedTeammate(0), null);
    SubtaskRecord r = states(run.id()).get("s1");
    assertEquals(SubtaskState.DONE, r.state());
    assertEquals(0, r.failures());
    assertEquals(3, store.events(run.id(), 0).stream().filter(e -> e.kind().equals("outage")).count());
  }

  @Test
  void execute_parallelWritesToOneFile_conflictDetectedAndReRunOnMergedState() throws Exception {
    Subtask a = new Subtask("s1", "t", "a", List.of("shared.txt"), List.of(), List.of("grep -q s1: shared.txt"), Size.SMALL);
    Subtask b = new Subtask("s2", "t", "b", List.of("shared.txt"), List.of(), List.of("grep -q s2: shared.txt"), Size.SMALL);
    CountDownLatch both = new CountDownLatch(2);
    ScriptedTeammate inner = new ScriptedTeammate(0);
    Teammate together = as -> {
      if (as.attempt() == 1) {
        both.countDown();
        assertTrue(both.await(60, TimeUnit.SECONDS));
      }
      return inner.work(as);
    };
    // the parallel-files criterion fails; a person approves anyway in ask mode
    RunInfo run = run(team(2, ApprovalMode.ASK, Budget.DEFAULT), new ScriptedLead(List.of(new Plan(List.of(a, b)).toJsonText())),
        together, (plan, criteria) -> new Approver.Decision(true, ""));
    Map<String, SubtaskRecord> s = states(run.id());
    assertEquals(SubtaskState.DONE, s.get("s1").state());
    assertEquals(SubtaskState.DONE, s.get("s2").state());
    assertEquals(1, s.get("s1").failures() + s.get("s2").failures(), "exactly one of them hit the conflict");
    String merged = Files.readString(dir.resolve("shared.txt"));
    assertTrue(merged.contains("s1: ") && merged.contains("s2: "), merged);
    assertTrue(store.events(run.id(), 0).stream().anyMatch(e -> e.kind().equals("retry")
        && e.message().startsWith("merge conflict on shared.txt")));
  }

  @Test
  void execute_folderChangedDuringRun_keptAndTeamVersionBeside() throws Exception {
    Files.writeString(dir.resolve("s1.txt"), "original\n");
    Plan p = new Plan(List.of(Plans.sub("s1", "x")));
    ScriptedTeammate inner = new ScriptedTeammate(0);
    Teammate meddling = a -> {
      try {
        Files.writeString(dir.resolve("s1.txt"), "edited by hand\n");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return inner.work(a);
    };
    RunInfo run = run(team(1, ApprovalMode.AUTO, Budget.DEFAULT), new ScriptedLead(List.of(p.toJsonText())), meddling, null);
    assertEquals("edited by hand\n", Files.readString(dir.resolve("s1.txt")));
    assertTrue(Files.readString(dir.resolve("s1.txt.team-" + run.id())).startsWith("original\ns1: "));
    assertTrue(store.events(run.id(), 0).stream().anyMatch(e -> e.kind().equals("conflict") && e.message().contains("s1.txt")));
  }

  @Test
  void start_emptyOrHugeTask_clearError() {
    TeamRunner runner = TeamRunner.builder().store(store).lead(new ScriptedLead(List.of("{}"))).teammate(new ScriptedTeammate(0))
        .checks(CHECKS).build();
    Team t = team(1, ApprovalMode.AUTO, Budget.DEFAULT);
    assertTrue(assertThrows(TeamException.class, () -> runner.start(t, " ", dir)).getMessage().startsWith("the task is empty"));
    assertTrue(assertThrows(TeamException.class, () -> runner.start(t, "x".repeat(TeamRunner.MAX_TASK_CHARS + 1), dir))
        .getMessage().startsWith("the task is too large (16001 characters"));
    assertTrue(assertThrows(TeamException.class, () -> runner.start(t, "x", tmp.resolve("nope"))).getMessage().contains("is not a folder"));
    assertFalse(Files.exists(tmp.resolve("runs")) && store.runs().size() > 0);
  }
}
