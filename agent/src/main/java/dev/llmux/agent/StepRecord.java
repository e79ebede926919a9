package dev.llmux.agent;

import dev.llmux.agent.StepOutcome.Answer;
import dev.llmux.agent.StepOutcome.BackendError;
import dev.llmux.agent.StepOutcome.InvalidAnswer;
import dev.llmux.agent.StepOutcome.Stopped;
import dev.llmux.agent.StepOutcome.ToolRun;
import dev.llmux.engine.Message;
import dev.llmux.router.policy.RouteDecision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything about one model call of an episode: one trajectory line. A step may take several
 * calls (re-asks after invalid answers, retries after backend failures); each has its own record.
 *
 * @param runId the episode's id
 * @param task the task's name
 * @param step the step number, from 0
 * @param attempt the call number within the step, from 0
 * @param startedAt when the call started
 * @param backend the backend that took the call
 * @param mock whether the backend is scripted ({@link SimulatedBackend}), not a model
 * @param decision the route decision (backend, state, reason, probability)
 * @param messages the conversation sent
 * @param backendMillis time of the model call
 * @param success the reward's success part, from 0 to 1
 * @param cost the call's cost in dollars
 * @param reward the scalar reward, scored with the router's {@link dev.llmux.router.policy.Reward}
 * @param terminal whether the episode ended with this call
 * @param outcome how the call ended: a tool run, an invalid answer, a backend error, a stop or a role's reply
 * @param role the role that made the call ({@code primary} for the solo loop)
 * @param workflow the workflow of the episode ({@code solo} unless another was chosen)
 */
public record StepRecord(
    String runId,
    String task,
    int step,
    int attempt,
    Instant startedAt,
    String backend,
    boolean mock,
    RouteDecision decision,
    List<Message> messages,
    double backendMillis,
    double success,
    double cost,
    double reward,
    boolean terminal,
    StepOutcome outcome,
    String role,
    String workflow) {

  /** The role of the solo loop. */
  public static final String PRIMARY = "primary";
  /** The workflow of a plain episode. */
  public static final String SOLO = "solo";

  /** Copies the message list and checks that the outcome, role and workflow are present. */
  public StepRecord {
    messages = List.copyOf(messages);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(workflow, "workflow");
  }

  /** A call of the {@code primary} role in a {@code solo} episode. */
  public StepRecord(String runId, String task, int step, int attempt, Instant startedAt, String backend, boolean mock,
      RouteDecision decision, List<Message> messages, double backendMillis, double success, double cost, double reward,
      boolean terminal, StepOutcome outcome) {
    this(runId, task, step, attempt, startedAt, backend, mock, decision, messages, backendMillis, success, cost, reward,
        terminal, outcome, PRIMARY, SOLO);
  }

  /** The same call, made by {@code role} in {@code workflow}, in episode {@code runId}, as step {@code step}. */
  public StepRecord as(String role, String workflow, String runId, int step) {
    return new StepRecord(runId, task, step, attempt, startedAt, backend, mock, decision, messages, backendMillis, success,
        cost, reward, terminal, outcome, role, workflow);
  }

  /** The backend's answer, or {@code null} when it failed instead of answering. */
  public Answer answer() {
    if (outcome instanceof ToolRun t) {
      return t.answer();
    }
    if (outcome instanceof InvalidAnswer i) {
      return i.answer();
    }
    if (outcome instanceof Stopped s) {
      return s.answer();
    }
    if (outcome instanceof StepOutcome.Reply r) {
      return r.answer();
    }
    return null;
  }

  /** What the model is shown next: the tool's output, the corrective message, or why nothing ran. */
  public String observation() {
    return outcome.observation();
  }

  /** Whether the backend failed instead of answering. */
  public boolean backendFailure() {
    return outcome instanceof BackendError;
  }

  /** Time spent running the tool; 0 when none ran. */
  public double toolMillis() {
    return outcome instanceof ToolRun t ? t.toolMillis() : 0;
  }

  /** Time to the answer's first token; the whole call's time when there was no answer. */
  public double timeToFirstTokenMillis() {
    Answer a = answer();
    return a == null ? backendMillis : a.timeToFirstTokenMillis();
  }

  /** The latency reported to the router: the model call plus the tool run, in seconds. */
  public double latencySeconds() {
    return (backendMillis + toolMillis()) / 1000.0;
  }
}
