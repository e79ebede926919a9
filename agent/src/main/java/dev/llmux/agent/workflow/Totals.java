package dev.llmux.agent.workflow;

import dev.llmux.agent.EpisodeEnd;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.StepRecord;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.TestReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The running totals of one workflow episode over the agent loops it runs and its roles' calls:
 * one run id, one step numbering, one {@link EpisodeResult} at the end.
 */
final class Totals {

  final String runId = UUID.randomUUID().toString();
  private final long start = System.nanoTime();
  private final String workflow;
  private int steps;
  private int roleSteps;
  private int modelCalls;
  private int invalid;
  private double cost;
  private boolean mock;
  private final Map<String, Integer> perBackend = new LinkedHashMap<>();

  Totals(String workflow) {
    this.workflow = workflow;
  }

  /** A listener for an agent loop run as {@code role}: its lines renumbered into this episode, its own episode line dropped. */
  StepListener loop(String role, StepListener listener) {
    int offset = steps + roleSteps;
    return new StepListener() {
      @Override
      public void onStep(StepRecord s) {
        listener.onStep(s.as(s.role().equals(StepRecord.PRIMARY) ? role : s.role(), workflow, runId, offset + s.step()));
      }
    };
  }

  /** Adds an agent loop's result. */
  void add(EpisodeResult w) {
    steps += w.steps();
    modelCalls += w.modelCalls();
    invalid += w.invalidCalls();
    cost += w.cost();
    mock |= w.mock();
    w.stepsPerBackend().forEach((k, v) -> perBackend.merge(k, v, Integer::sum));
  }

  /** The step number of the next role call. */
  int nextStep() {
    return steps + roleSteps++;
  }

  /** Adds a role's call. */
  void add(RoleCall.Result r) {
    modelCalls++;
    cost += r.cost();
    if (r.json() == null) {
      invalid++;
    }
    if (r.routed() != null) {
      String b = r.routed().decision().backend();
      mock |= b.startsWith("mock-");
      perBackend.merge(b, 1, Integer::sum);
    }
  }

  /** The episode's result, reported to {@code listener}. */
  EpisodeResult finish(Task task, EpisodeEnd end, TestReport fin, StepListener listener) {
    EpisodeResult r = new EpisodeResult(runId, task.name(), task.difficulty(), task.language(), fin.allPassed(),
        fin.passFraction(), end, steps, modelCalls, invalid, (System.nanoTime() - start) / 1_000_000, perBackend, cost,
        mock, fin);
    listener.onEpisode(r);
    return r;
  }

  /** Whether an agent loop ended in a way that ends the whole episode (out of time, backends or context). */
  static boolean fatal(EpisodeEnd end) {
    return end == EpisodeEnd.TIME_LIMIT || end == EpisodeEnd.BACKEND_FAILURE || end == EpisodeEnd.CONTEXT_FULL;
  }
}
