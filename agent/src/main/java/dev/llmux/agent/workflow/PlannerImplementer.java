package dev.llmux.agent.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.agent.Agent;
import dev.llmux.agent.EpisodeEnd;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.workspace.Workspace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code planner-implementer}: the {@code planner} answers with a JSON plan, {@code {"steps":
 * [{"do": ..., "check": ...}]}}, ordered steps each with an acceptance check; the implementer (the
 * agent's own routed loop) carries out one plan step at a time, with the step and its check added
 * to the task. After each step the check is judged on the pristine tests: the last step must leave
 * them all passing, an earlier one must not leave fewer passing than before. On a failed check the
 * planner revises the rest of the plan (at most {@link #REVISIONS} times). The reward stays the
 * pristine tests at the end.
 */
final class PlannerImplementer implements Workflow {

  /** The most plan revisions of one episode. */
  static final int REVISIONS = 2;
  /** The most plan steps carried out in one episode. */
  static final int MAX_STEPS = 6;

  /** The planner's answer schema. */
  static final String PLAN_SCHEMA = """
      {"type": "object", "properties": {"steps": {"type": "array", "minItems": 1, "maxItems": 5, "items":
        {"type": "object", "properties": {"do": {"type": "string"}, "check": {"type": "string"}},
         "required": ["do", "check"], "additionalProperties": false}}},
       "required": ["steps"], "additionalProperties": false}""";

  /** The first line of a revision request after the task lines. */
  static final String REVISE = "A step's check failed. Revise the rest of the plan.";

  /** One plan step: what to do and how to tell it is done. */
  record PlanStep(String task, String check) {}

  @Override
  public String name() {
    return Workflows.PLANNER_IMPLEMENTER;
  }

  @Override
  public List<String> roles() {
    return List.of("planner");
  }

  @Override
  public EpisodeResult run(Agent agent, Task task, Workspace ws, StepListener listener) {
    Totals totals = new Totals(name());
    List<RoleCall.Result> plans = new ArrayList<>();
    Deque<PlanStep> plan = plan(agent, task, totals, plans, "Task: " + task.name() + "\n" + task.spec(), listener);
    EpisodeEnd end = plan.isEmpty() ? EpisodeEnd.STUCK : EpisodeEnd.STEP_LIMIT;
    int revisions = 0;
    int done = 0;
    double before = 0;
    while (!plan.isEmpty() && done < MAX_STEPS) {
      PlanStep step = plan.poll();
      done++;
      EpisodeResult w = agent.run(withStep(task, step, done, plan.size()), ws, totals.loop("implementer", listener));
      totals.add(w);
      if (Totals.fatal(w.end())) {
        end = w.end();
        break;
      }
      TestReport now = agent.evaluator().evaluate(task, ws);
      boolean last = plan.isEmpty();
      boolean ok = last ? now.allPassed() : now.passFraction() >= before;
      before = Math.max(before, now.passFraction());
      if (ok && last) {
        end = EpisodeEnd.FINISHED;
        break;
      }
      if (!ok) {
        if (revisions++ >= REVISIONS) {
          break;
        }
        plan = plan(agent, task, totals, plans, "Task: " + task.name() + "\n" + task.spec() + "\n\n" + REVISE
            + "\nFailed step: " + step.task() + "\nIts check: " + step.check() + "\nTests now: " + now.summary()
            + "\nSteps left: " + plan.size(), listener);
        if (plan.isEmpty()) {
          break;
        }
      }
    }
    TestReport fin = agent.evaluator().evaluate(task, ws);
    for (RoleCall.Result p : plans) {
      RoleCall.feedback(agent, "planner", p, fin.passFraction());
    }
    return totals.finish(task, end, fin, listener);
  }

  /** Asks the planner; an empty plan when it gave no valid one. */
  private Deque<PlanStep> plan(Agent agent, Task task, Totals totals, List<RoleCall.Result> plans, String prompt,
      StepListener listener) {
    RoleCall.Result r = RoleCall.ask(agent, "planner", name(), totals.runId, task, totals.nextStep(),
        "You plan programming work. Break the task into at most 5 ordered steps, each with an acceptance check. Answer"
            + " with one JSON object: {\"steps\": [{\"do\": what to do, \"check\": how to tell it is done}]}.",
        prompt, PLAN_SCHEMA, listener);
    totals.add(r);
    plans.add(r);
    Deque<PlanStep> out = new ArrayDeque<>();
    if (r.json() != null) {
      for (JsonNode s : r.json().path("steps")) {
        out.add(new PlanStep(s.path("do").asText(""), s.path("check").asText("")));
      }
    }
    return out;
  }

  /** The task with the plan step to carry out now added to its spec. */
  private static Task withStep(Task task, PlanStep step, int number, int left) {
    String spec = task.spec() + "\n\nPlan step " + number + " (" + left + " more after it): " + step.task()
        + "\nAcceptance check: " + step.check() + "\nDo this step, then call finish.";
    return new Task(task.name(), task.difficulty(), task.language(), spec, task.dir(), task.solutionFiles(), task.testCount());
  }
}
