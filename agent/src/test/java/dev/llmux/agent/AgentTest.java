package dev.llmux.agent;

import static dev.llmux.agent.TestDoubles.answer;
import static dev.llmux.agent.TestDoubles.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.TestDoubles.ContentEvaluator;
import dev.llmux.agent.StepOutcome.BackendError;
import dev.llmux.agent.StepOutcome.InvalidAnswer;
import dev.llmux.agent.TestDoubles.RecordingPolicy;
import dev.llmux.agent.TestDoubles.ScriptedBackend;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.tools.InvalidCall;
import dev.llmux.agent.workspace.Workspace;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.Message;
import dev.llmux.engine.Price;
import dev.llmux.engine.Role;
import dev.llmux.engine.StopReason;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouterSettings;
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

  private Agent agent(RecordingPolicy router, AgentConfig config, ScriptedBackend... backends) {
    lastAgent = TestDoubles.agent(router, evaluator, backends).config(config).build();
    return lastAgent;
  }

  private static InvalidAnswer invalid(StepRecord s) {
    return assertInstanceOf(InvalidAnswer.class, s.outcome());
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
    RecordingPolicy router = new RecordingPolicy("b");
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
    agent(new RecordingPolicy("b"), AgentConfig.DEFAULT, b).run(task, ws, recorder);
    assertEquals(Tools_schema(), b.requests.get(0).jsonSchema());
    List<Message> msgs = b.requests.get(0).messages();
    assertEquals(Role.SYSTEM, msgs.get(0).role());
    assertTrue(msgs.get(0).content().contains("- write_file(path: string, content: string)"));
    assertTrue(msgs.get(1).content().startsWith(AgentPrompts.TASK_PREFIX + "py-add"));
  }

  private static String Tools_schema() {
    return dev.llmux.agent.tools.Tools.standard().schema();
  }

  @Test
  void run_invalidAnswers_getCorrectiveMessages_andAtMostThreeReasks() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer("I think I should write a file."));
    AgentConfig config = AgentConfig.builder().maxSteps(2).build();
    EpisodeResult r = agent(new RecordingPolicy("b"), config, b).run(task, ws, recorder);
    assertEquals(8, b.requests.size(), "2 steps x (1 answer + 3 re-asks)");
    assertEquals(8, r.invalidCalls());
    assertEquals(EpisodeEnd.STEP_LIMIT, r.end());
    List<Message> fourth = b.requests.get(3).messages();
    Message last = fourth.get(fourth.size() - 1);
    assertEquals(Role.USER, last.role());
    assertTrue(last.content().startsWith(AgentPrompts.INVALID_PREFIX), last.content());
    assertTrue(last.content().contains("not valid JSON"), last.content());
    assertEquals(Role.ASSISTANT, fourth.get(fourth.size() - 2).role());
    assertEquals(1.0, lastAgent.invalidCalls().rate("b").rate());
    assertTrue(steps.stream().allMatch(s -> s.outcome() instanceof InvalidAnswer && s.success() == 0));
  }

  private Agent lastAgent;

  @Test
  void run_specificMistakes_getSpecificCorrections_andTheRateIsRecordedPerBackend() {
    ScriptedBackend bad = new ScriptedBackend("bad", r -> answer(call("finish", Map.of())))
        .then("{\"tool\": \"exec\", \"args\": {}}")
        .then("{\"tool\": \"write_file\", \"args\": {\"path\": \"solution.py\"}}");
    ScriptedBackend good = new ScriptedBackend("good", r -> answer(write(GOOD)));
    RecordingPolicy router = new RecordingPolicy("bad", "good");
    agent(router, AgentConfig.DEFAULT, bad, good).run(task, ws, recorder);
    assertEquals(InvalidCall.Kind.UNKNOWN_TOOL, invalid(steps.get(0)).invalid().kind());
    assertEquals(InvalidCall.Kind.MISSING_ARGUMENT, invalid(steps.get(2)).invalid().kind());
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
    EpisodeResult r = agent(new RecordingPolicy("b"), AgentConfig.DEFAULT, b).run(task, ws, recorder);
    assertEquals(InvalidCall.Kind.CUT_OFF, invalid(steps.get(0)).invalid().kind());
    assertFalse(steps.get(0).outcome() instanceof StepOutcome.ToolRun);
    assertFalse(ws.exists("solution.py"), "a cut-off call must not run");
    assertFalse(r.success());
  }

  @Test
  void run_backendFailure_isReportedAsSuch_andAnotherCallIsMade() {
    ScriptedBackend flaky = new ScriptedBackend("flaky", r -> answer(call("finish", Map.of()))).fail();
    ScriptedBackend ok = new ScriptedBackend("ok", r -> answer(write(GOOD)));
    RecordingPolicy router = new RecordingPolicy("flaky", "ok");
    agent(router, AgentConfig.DEFAULT, flaky, ok).run(task, ws, recorder);
    assertTrue(router.outcomes.get(0).backendFailure());
    assertInstanceOf(BackendError.class, steps.get(0).outcome());
    assertEquals("ok", steps.get(1).backend());
    assertEquals(0, steps.get(1).step(), "the retry belongs to the same step");
    assertEquals(router.decisions.size(), router.outcomes.size());
  }

  @Test
  void run_backendThatAlwaysFails_endsTheEpisode() {
    ScriptedBackend down = new ScriptedBackend("down", r -> new Object[] {null, null});
    EpisodeResult r = agent(new RecordingPolicy("down"), AgentConfig.DEFAULT, down).run(task, ws, recorder);
    assertEquals(EpisodeEnd.BACKEND_FAILURE, r.end());
    assertEquals(4, down.requests.size());
  }

  @Test
  void run_sameActionAndObservation_isStuck() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("list_files", Map.of("path", "."))));
    EpisodeResult r = agent(new RecordingPolicy("b"), AgentConfig.DEFAULT, b).run(task, ws, recorder);
    assertEquals(EpisodeEnd.STUCK, r.end());
    assertEquals(3, r.steps());
    assertTrue(steps.get(2).terminal());
  }

  @Test
  void run_stepLimit_endsTheEpisode() {
    AtomicInteger n = new AtomicInteger();
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("read_file", Map.of("path", "f" + n.incrementAndGet()))));
    EpisodeResult r = agent(new RecordingPolicy("b"), AgentConfig.builder().maxSteps(5).build(), b).run(task, ws, recorder);
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
    EpisodeResult r = agent(new RecordingPolicy("slow"), config, slow).run(task, ws, recorder);
    assertEquals(EpisodeEnd.TIME_LIMIT, r.end());
    assertTrue(r.steps() < 10, "steps: " + r.steps());
  }

  @Test
  void run_learning_savesThePolicyAfterEachEpisode_andNotWithoutIt() {
    AtomicInteger saves = new AtomicInteger();
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("finish", Map.of())));
    for (boolean learn : new boolean[] {true, false}) {
      Agent a = TestDoubles.agent(new RecordingPolicy("b"), evaluator, b)
          .config(AgentConfig.builder().learn(learn).build()).policySaver(router -> saves.incrementAndGet()).build();
      a.run(task, ws, recorder);
      a.run(task, ws, recorder);
    }
    assertEquals(2, saves.get());
  }

  @Test
  void build_twoBackendsWithOneName_isRefused() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(""));
    ScriptedBackend twin = new ScriptedBackend("b", r -> answer(""));
    AgentException e = assertThrows(AgentException.class,
        () -> TestDoubles.agent(new RecordingPolicy("b", "b"), evaluator, b, twin).build());
    assertTrue(e.getMessage().contains("'b'"), e.getMessage());
  }

  @Test
  void build_withoutBackends_isRefused() {
    AgentException e = assertThrows(AgentException.class, () -> TestDoubles.agent(new RecordingPolicy("b"), evaluator).build());
    assertTrue(e.getMessage().contains("no backends"), e.getMessage());
  }

  @Test
  void run_backendFailure_theRetryExcludesTheFailedBackend() {
    ScriptedBackend flaky = new ScriptedBackend("flaky", r -> answer(call("finish", Map.of()))).fail();
    ScriptedBackend ok = new ScriptedBackend("ok", r -> answer(call("finish", Map.of())));
    RecordingPolicy router = RecordingPolicy.firstAvailable("flaky", "ok");
    EpisodeResult r = agent(router, AgentConfig.DEFAULT, flaky, ok).run(task, ws, recorder);
    assertEquals(List.of("flaky", "ok"), steps.stream().map(StepRecord::backend).toList());
    assertEquals(0b11, router.available.get(0));
    assertEquals(0b10, router.available.get(1), "the retry of the step must not offer the backend that just failed");
    assertEquals(1, flaky.requests.size());
    assertEquals(List.of(0, 0), steps.stream().map(StepRecord::step).toList());
    assertEquals(List.of(0, 1), steps.stream().map(StepRecord::attempt).toList());
    assertEquals(EpisodeEnd.FINISHED, r.end());
    assertEquals(2, r.modelCalls());
    assertTrue(router.outcomes.get(0).backendFailure());
    assertFalse(router.outcomes.get(1).backendFailure());
    assertEquals(Map.of("ok", 1), r.stepsPerBackend());
  }

  @Test
  void run_requestABackendCannotTake_isAFailure_andAnotherBackendTakesIt() {
    ScriptedBackend small = new ScriptedBackend("small", r -> {
      throw new InvalidRequestException("the prompt is beyond this model's context");
    });
    ScriptedBackend big = new ScriptedBackend("big", r -> answer(call("finish", Map.of())));
    RecordingPolicy router = RecordingPolicy.firstAvailable("small", "big");
    EpisodeResult r = agent(router, AgentConfig.DEFAULT, small, big).run(task, ws, recorder);
    BackendError error = assertInstanceOf(BackendError.class, steps.get(0).outcome());
    assertTrue(error.message().contains("beyond this model's context"), error.message());
    assertEquals("big", steps.get(1).backend());
    assertTrue(router.outcomes.get(0).backendFailure(), "a refused request is not learned as bad quality");
    assertEquals(EpisodeEnd.FINISHED, r.end());
  }

  @Test
  void run_reaskAfterAFallback_avoidsTheBackendThatFailedInTheStep() {
    ScriptedBackend flaky = new ScriptedBackend("flaky", r -> answer(call("finish", Map.of()))).fail();
    ScriptedBackend sloppy = new ScriptedBackend("sloppy", r -> answer(call("finish", Map.of()))).then("not a call");
    RecordingPolicy router = RecordingPolicy.firstAvailable("flaky", "sloppy");
    agent(router, AgentConfig.DEFAULT, flaky, sloppy).run(task, ws, recorder);
    assertEquals(List.of("flaky", "sloppy", "sloppy"), steps.stream().map(StepRecord::backend).toList());
    assertEquals(List.of(0b11, 0b10, 0b10), router.available, "the re-ask of the step must not offer the failed backend");
    assertEquals(1, flaky.requests.size());
  }

  @Test
  void run_requestEveryBackendRefuses_endsTheEpisodeAsABackendFailureWithoutAskingAgain() {
    ScriptedBackend small = new ScriptedBackend("small", r -> {
      throw new InvalidRequestException("the prompt is beyond this model's context");
    });
    EpisodeResult r = agent(RecordingPolicy.firstAvailable("small"), AgentConfig.DEFAULT, small).run(task, ws, recorder);
    assertEquals(EpisodeEnd.BACKEND_FAILURE, r.end());
    assertEquals(1, small.requests.size(), "a refused request is not asked again");
    assertTrue(steps.stream().allMatch(s -> s.outcome() instanceof BackendError), steps.toString());
    assertTrue(steps.get(steps.size() - 1).terminal());
  }

  @Test
  void run_onlyBackendFailsOnce_isAskedAgainInTheSameStep() {
    ScriptedBackend only = new ScriptedBackend("only", r -> answer(call("finish", Map.of()))).fail();
    RecordingPolicy router = RecordingPolicy.firstAvailable("only");
    EpisodeResult r = agent(router, AgentConfig.DEFAULT, only).run(task, ws, recorder);
    assertEquals(2, only.requests.size(), "the only backend left is asked again");
    assertEquals(List.of(0b1, 0b1), router.available);
    assertInstanceOf(BackendError.class, steps.get(0).outcome());
    assertInstanceOf(StepOutcome.ToolRun.class, steps.get(1).outcome());
    assertEquals(List.of(0, 0), steps.stream().map(StepRecord::step).toList());
    assertEquals(EpisodeEnd.FINISHED, r.end());
  }

  @Test
  void run_stepReward_isTheRoutersReward_withItsCostWeight() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("finish", Map.of())));
    Agent a = Agent.builder().policy(new RecordingPolicy("b")).backend(b, Price.perCall(0.01)).evaluator(evaluator).build();
    a.run(task, ws, recorder);
    StepRecord s = steps.get(0);
    Reward reward = RouterSettings.defaults().reward();
    assertEquals(reward, a.router().reward());
    assertEquals(10.0, reward.mu(), "the default cost weight of the router's reward");
    assertEquals(0.01, s.cost(), 1e-12);
    assertEquals(s.success() - reward.lambda() * s.latencySeconds() - reward.mu() * 0.01, s.reward(), 1e-9);
  }

  @Test
  void run_pathEscapeFromTheModel_isRefusedAsAnObservation() {
    ScriptedBackend b = new ScriptedBackend("b", r -> answer(call("finish", Map.of())))
        .then(call("write_file", Map.of("path", "../escape.py", "content", "x")))
        .then(call("read_file", Map.of("path", "/etc/passwd")));
    agent(new RecordingPolicy("b"), AgentConfig.DEFAULT, b).run(task, ws, recorder);
    assertTrue(steps.get(0).observation().contains("'..'"), steps.get(0).observation());
    assertTrue(steps.get(1).observation().contains("absolute"), steps.get(1).observation());
    assertFalse(ws.root().getParent().resolve("escape.py").toFile().exists());
  }
}
