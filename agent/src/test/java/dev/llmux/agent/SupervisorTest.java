package dev.llmux.agent;

import static dev.llmux.agent.TestDoubles.answer;
import static dev.llmux.agent.TestDoubles.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.TestDoubles.ContentEvaluator;
import dev.llmux.agent.TestDoubles.RecordingPolicy;
import dev.llmux.agent.TestDoubles.ScriptedBackend;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.workspace.Workspace;
import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Timings;
import dev.llmux.engine.Usage;
import dev.llmux.engine.testing.FunctionBackend;
import dev.llmux.router.RoutedBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SupervisorTest {

  @TempDir Path tmp;
  private Task task;
  private Workspace ws;
  private final List<StepRecord> steps = new ArrayList<>();
  private final StepListener recorder = new StepListener() {
    @Override
    public void onStep(StepRecord step) {
      steps.add(step);
    }
  };

  private static ChatResponse text(String json) {
    return FunctionBackend.text("sup", json, StopReason.END);
  }

  @BeforeEach
  void setUp() {
    task = TestTasks.pythonAdd(tmp);
    ws = Workspace.createTemp();
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  /** An agent whose supervisor answers on the main thread, at the step it is due: its advice applies at the next step. */
  private Agent direct(Backend supervisor, ScriptedBackend... main) {
    return builder(supervisor, main).supervisorExecutor(Runnable::run).build();
  }

  /** An agent whose supervisor runs on its own thread. */
  private Agent agent(Backend supervisor, ScriptedBackend... main) {
    return builder(supervisor, main).build();
  }

  private Agent.Builder builder(Backend supervisor, ScriptedBackend... main) {
    List<String> names = java.util.Arrays.stream(main).map(Backend::name).toList();
    return TestDoubles.agent(RecordingPolicy.firstAvailable(names.toArray(new String[0])),
            new ContentEvaluator("solution.py", "never"), main)
        .config(AgentConfig.builder().maxSteps(8).stuckRepeats(20).build())
        .role("supervisor", RoutedBackend.builder().name("supervisor").backend(supervisor).build())
        .supervisor(new Supervisor.Settings(1, Duration.ofMinutes(5), 3));
  }

  /** A main backend that lists files, forever. */
  private static ScriptedBackend lister(String name) {
    return new ScriptedBackend(name, r -> answer(call("list_files", Map.of("path", "."))));
  }

  @Test
  void hint_reachesALaterPrompt_andTheSupervisorsCallIsRecorded() {
    FunctionBackend sup = new FunctionBackend("sup", r -> {
      return text("{\"action\": \"hint\", \"text\": \"look at tests/ first\"}");
    });
    ScriptedBackend main = lister("main");
    EpisodeResult r = direct(sup, main).run(task, ws, recorder);
    assertEquals(EpisodeEnd.STEP_LIMIT, r.end());
    assertTrue(main.requests.stream().anyMatch(q -> q.messages().get(q.messages().size() - 1).content()
        .contains("Supervisor's hint: look at tests/ first")), "a later prompt carries the hint");
    List<StepRecord> supervised = steps.stream().filter(s -> s.role().equals("supervisor")).toList();
    assertTrue(!supervised.isEmpty() && supervised.size() <= 3, "its own budget of 3 calls: " + supervised.size());
    assertTrue(supervised.get(0).outcome() instanceof StepOutcome.Reply reply && reply.observation().startsWith("hint"));
  }

  @Test
  void slowSupervisor_neverHoldsTheLoop_andIsCancelledAtTheEnd() {
    CountDownLatch episodeOver = new CountDownLatch(1);
    FunctionBackend sup = new FunctionBackend("sup", r -> {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!r.cancellation().isCancelled() && System.nanoTime() < until) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          break;
        }
      }
      episodeOver.countDown();
      return ChatResponse.of("", StopReason.CANCELLED, Usage.NONE, Timings.of(0, 0, 1, 0), "sup");
    });
    EpisodeResult r = agent(sup, lister("main")).run(task, ws, recorder);
    assertEquals(EpisodeEnd.STEP_LIMIT, r.end(), "all steps ran while the supervisor was still thinking");
    assertEquals(1, sup.asked.size(), "one call in flight at a time");
    assertTrue(episodeOver.getCount() == 0, "the call was cancelled when the episode ended");
    StepRecord last = steps.stream().filter(s -> s.role().equals("supervisor")).findFirst().orElseThrow();
    assertTrue(last.outcome() instanceof StepOutcome.Stopped, last.outcome().toString());
  }

  @Test
  void stopAdvice_endsTheEpisode() {
    FunctionBackend sup = new FunctionBackend("sup", r -> {
      return text("{\"action\": \"stop\", \"text\": \"going in circles\"}");
    });
    EpisodeResult r = direct(sup, lister("main")).run(task, ws, recorder);
    assertEquals(EpisodeEnd.SUPERVISOR_STOP, r.end());
    assertEquals(1, r.steps(), "its first run comes after step 1, and its advice applies before step 2");
  }

  @Test
  void switchAdvice_makesTheNextStepPreferThatBackend() {
    FunctionBackend sup = new FunctionBackend("sup", r -> {
      return text("{\"action\": \"switch\", \"text\": \"strong\"}");
    });
    ScriptedBackend weak = lister("weak");
    ScriptedBackend strong = lister("strong");
    direct(sup, weak, strong).run(task, ws, recorder);
    assertEquals("weak", steps.get(0).backend());
    assertEquals("strong", steps.stream().filter(s -> s.role().equals(StepRecord.PRIMARY)).toList().get(1).backend(),
        "the step after the advice goes to 'strong'");
  }

  @Test
  void supervisorWithoutItsRole_isRefused() {
    AgentException e = assertThrows(AgentException.class, () -> TestDoubles.agent(RecordingPolicy.firstAvailable("m"),
        new ContentEvaluator("solution.py", "x"), lister("m")).supervisor(Supervisor.Settings.DEFAULT).build());
    assertTrue(e.getMessage().contains("'supervisor' role"), e.getMessage());
  }
}
