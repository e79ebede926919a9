package dev.llmux.agent;

import static dev.llmux.agent.TestDoubles.answer;
import static dev.llmux.agent.TestDoubles.byName;
import static dev.llmux.agent.TestDoubles.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.TestDoubles.ContentEvaluator;
import dev.llmux.agent.TestDoubles.RecordingRouter;
import dev.llmux.agent.TestDoubles.ScriptedBackend;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.tools.InvalidCall;
import dev.llmux.agent.workspace.Workspace;
import dev.llmux.engine.Message;
import dev.llmux.engine.Role;
import dev.llmux.engine.StopReason;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AgentTest {

  private static final String GOOD = "def add(a, b):\n    return a + b\n";

  @TempDir Path tmp;
  private Task task;
  private Workspace ws;
  private ContentEvaluator evaluator;
  private final List<StepRecord> steps = new ArrayList<>();
  private final List<EpisodeResult> episodes = new ArrayList<>();
  private final StepListener recorder = new StepListener() {
    @Override
    public void onStep(StepRecord step) {
      steps.add(step);
    }

    @Override
    public void onEpisode(EpisodeResult result) {
      episodes.add(result);
    }
  };

  @BeforeEach
  void setUp() {
    task = TestTasks.pythonAdd(tmp);
    ws = Workspace.createTemp();
    evaluator = new ContentEvaluator("solution.py", GOOD);
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  private Agent agent(RecordingRouter router, AgentConfig config, ScriptedBackend... backends) {
    lastAgent = Agent.builder().router(router).backends(byName(backends)).evaluator(evaluator).config(config).build();
    return lastAgent;
  }

  private static String write(String content) {
    return call("write_file", Map.of("path", "solution.py", "content", content));
  }

  @Test
  void run_writeTestFinish_succeeds_andRewardsFollowTheTests() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("finish", Map.of())))
        .then(write("def add(a, b):\n    return 0\n"))
        .then(write(GOOD))
        .then(call("run_tests", Map.of()));
    RecordingRouter router = new RecordingRouter("b");
    EpisodeResult r = agent(router, AgentConfig.DEFAULT, b).run(task, ws, recorder);
    assertTrue(r.success());
    assertEquals(EpisodeEnd.FINISHED, r.end());
    assertEquals(4, r.steps());
    assertEquals(List.of(0.0, 1.0, 1.0, 1.0), steps.stream().map(StepRecord::success).toList());
    assertEquals(router.decisions.size(), router.outcomes.size(), "one feedback per decision");
    assertTrue(router.outcomes.get(3).terminal());
    assertNull(router.outcomes.get(3).next());
    assertFalse(router.outcomes.get(0).terminal());
    assertEquals(RouteContext.LastOutcome.TESTS_FAILED, router.outcomes.get(0).next().lastOutcome());
    assertEquals(2, evaluator.runs, "tests run once per version of the workspace");
    assertEquals(List.of(0, 1, 2, 3), router.contexts.stream().map(RouteContext::attempt).toList());
    assertEquals(task.difficulty(), router.contexts.get(0).difficulty());
    assertEquals(Map.of("b", 4), r.stepsPerBackend());
  }

  @Test
  void run_requestCarriesTheToolSchemaAndTheTaskInThePrompt() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("finish", Map.of())));
    agent(new RecordingRouter("b"), AgentConfig.DEFAULT, b).run(task, ws, recorder);
    assertEquals(Tools_schema(), b.requests.get(0).jsonSchema());
    List<Message> msgs = b.requests.get(0).messages();
    assertEquals(Role.SYSTEM, msgs.get(0).role());
    assertTrue(msgs.get(0).content().contains("- write_file(path: string, content: string)"));
    assertTrue(msgs.get(1).content().startsWith(Prompts.TASK_PREFIX + "py-add"));
  }

  private static String Tools_schema() {
    return dev.llmux.agent.tools.Tools.standard().schema();
  }

  @Test
  void run_invalidAnswers_getCorrectiveMessages_andAtMostThreeReasks() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer("I think I should write a file."));
    AgentConfig config = AgentConfig.builder().maxSteps(2).build();
    EpisodeResult r = agent(new RecordingRouter("b"), config, b).run(task, ws, recorder);
    assertEquals(8, b.requests.size(), "2 steps x (1 answer + 3 re-asks)");
    assertEquals(8, r.invalidCalls());
    assertEquals(EpisodeEnd.STEP_LIMIT, r.end());
    List<Message> fourth = b.requests.get(3).messages();
    Message last = fourth.get(fourth.size() - 1);
    assertEquals(Role.USER, last.role());
    assertTrue(last.content().startsWith(Prompts.INVALID_PREFIX), last.content());
    assertTrue(last.content().contains("not valid JSON"), last.content());
    assertEquals(Role.ASSISTANT, fourth.get(fourth.size() - 2).role());
    assertEquals(1.0, lastAgent.invalidCalls().rate("b").rate());
    assertTrue(steps.stream().allMatch(s -> s.invalid() != null && s.success() == 0));
  }

  private Agent lastAgent;

  @Test
  void run_specificMistakes_getSpecificCorrections_andTheRateIsRecordedPerBackend() {
    ScriptedBackend bad = new ScriptedBackend("bad", r -> answer(call("finish", Map.of())))
        .then("{\"tool\": \"exec\", \"args\": {}}")
        .then("{\"tool\": \"write_file\", \"args\": {\"path\": \"solution.py\"}}");
    ScriptedBackend good = new ScriptedBackend("good", r -> answer(write(GOOD)));
    RecordingRouter router = new RecordingRouter("bad", "good");
    agent(router, AgentConfig.DEFAULT, bad, good).run(task, ws, recorder);
    assertEquals(InvalidCall.Kind.UNKNOWN_TOOL, steps.get(0).invalid().kind());
    assertEquals(InvalidCall.Kind.MISSING_ARGUMENT, steps.get(2).invalid().kind());
    assertTrue(steps.get(2).observation().contains("'content'"), steps.get(2).observation());
    assertEquals(3, lastAgent.invalidCalls().rate("bad").calls(), "two invalid answers, then a valid finish");
    assertEquals(0.0, lastAgent.invalidCalls().rate("good").rate());
    assertEquals(2, lastAgent.invalidCalls().rate("bad").invalid());
    Outcome first = router.outcomes.get(0);
    assertEquals(0.0, first.success());
    assertFalse(first.backendFailure(), "an invalid answer is the model's fault, not an outage");
  }

  @Test
  void run_cutOffAnswer_isNeverExecuted() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("finish", Map.of())))
        .then(write(GOOD), StopReason.LENGTH);
    EpisodeResult r = agent(new RecordingRouter("b"), AgentConfig.DEFAULT, b).run(task, ws, recorder);
    assertEquals(InvalidCall.Kind.CUT_OFF, steps.get(0).invalid().kind());
    assertNull(steps.get(0).call());
    assertFalse(ws.exists("solution.py"), "a cut-off call must not run");
    assertFalse(r.success());
  }

  @Test
  void run_backendFailure_isReportedAsSuch_andAnotherCallIsMade() {
    ScriptedBackend flaky = new ScriptedBackend("flaky", r -> answer(call("finish", Map.of()))).fail();
    ScriptedBackend ok = new ScriptedBackend("ok", r -> answer(write(GOOD)));
    RecordingRouter router = new RecordingRouter("flaky", "ok");
    agent(router, AgentConfig.DEFAULT, flaky, ok).run(task, ws, recorder);
    assertTrue(router.outcomes.get(0).backendFailure());
    assertNotNull(steps.get(0).error());
    assertEquals("ok", steps.get(1).backend());
    assertEquals(0, steps.get(1).step(), "the retry belongs to the same step");
    assertEquals(router.decisions.size(), router.outcomes.size());
  }

  @Test
  void run_backendThatAlwaysFails_endsTheEpisode() {
    ScriptedBackend down = new ScriptedBackend("down", r -> new Object[] {null, null});
    EpisodeResult r = agent(new RecordingRouter("down"), AgentConfig.DEFAULT, down).run(task, ws, recorder);
    assertEquals(EpisodeEnd.BACKEND_FAILURE, r.end());
    assertEquals(4, down.requests.size());
  }

  @Test
  void run_sameActionAndObservation_isStuck() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("list_files", Map.of("path", "."))));
    EpisodeResult r = agent(new RecordingRouter("b"), AgentConfig.DEFAULT, b).run(task, ws, recorder);
    assertEquals(EpisodeEnd.STUCK, r.end());
    assertEquals(3, r.steps());
    assertTrue(steps.get(2).terminal());
  }

  @Test
  void run_stepLimit_endsTheEpisode() {
    AtomicInteger n = new AtomicInteger();
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("read_file", Map.of("path", "f" + n.incrementAndGet()))));
    EpisodeResult r = agent(new RecordingRouter("b"), AgentConfig.builder().maxSteps(5).build(), b).run(task, ws, recorder);
    assertEquals(EpisodeEnd.STEP_LIMIT, r.end());
    assertEquals(5, r.steps());
    assertTrue(steps.get(4).terminal());
    assertTrue(steps.get(0).observation().contains("does not exist"), steps.get(0).observation());
  }

  @Test
  void run_timeLimit_endsTheEpisode() {
    AtomicInteger n = new AtomicInteger();
    ScriptedBackend slow = new ScriptedBackend("slow", r -> {
      try {
        Thread.sleep(120);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return answer(call("read_file", Map.of("path", "f" + n.incrementAndGet())));
    });
    AgentConfig config = AgentConfig.builder().timeLimit(Duration.ofMillis(300)).maxSteps(100).build();
    EpisodeResult r = agent(new RecordingRouter("slow"), config, slow).run(task, ws, recorder);
    assertEquals(EpisodeEnd.TIME_LIMIT, r.end());
    assertTrue(r.steps() < 10, "steps: " + r.steps());
  }

  @Test
  void run_learning_savesThePolicyAfterEachEpisode_andNotWithoutIt() {
    AtomicInteger saves = new AtomicInteger();
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("finish", Map.of())));
    for (boolean learn : new boolean[] {true, false}) {
      Agent a = Agent.builder().router(new RecordingRouter("b")).backends(byName(b)).evaluator(evaluator)
          .config(AgentConfig.builder().learn(learn).build()).policySaver(saves::incrementAndGet).build();
      a.run(task, ws, recorder);
      a.run(task, ws, recorder);
    }
    assertEquals(2, saves.get());
  }

  @Test
  void build_routerNamesAnUnknownBackend_isRefused() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(""));
    AgentException e = assertThrows(AgentException.class,
        () -> Agent.builder().router(new RecordingRouter("b", "ghost")).backends(byName(b)).evaluator(evaluator).build());
    assertTrue(e.getMessage().contains("ghost"), e.getMessage());
  }

  @Test
  void run_pathEscapeFromTheModel_isRefusedAsAnObservation() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("finish", Map.of())))
        .then(call("write_file", Map.of("path", "../escape.py", "content", "x")))
        .then(call("read_file", Map.of("path", "/etc/passwd")));
    agent(new RecordingRouter("b"), AgentConfig.DEFAULT, b).run(task, ws, recorder);
    assertTrue(steps.get(0).observation().contains("'..'"), steps.get(0).observation());
    assertTrue(steps.get(1).observation().contains("absolute"), steps.get(1).observation());
    assertFalse(ws.root().getParent().resolve("escape.py").toFile().exists());
  }
}
