package dev.llmux.agent;

import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.tools.InvalidCall;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.engine.Message;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Usage;
import dev.llmux.router.policy.RouteDecision;
import java.time.Instant;
import java.util.List;

/**
 * Everything about one model call of an episode: one trajectory line. A step may take several
 * calls (re-asks after invalid answers, retries after backend failures); each has its own record.
 *
 * @param runId the episode's id
 * @param task the task's name
 * @param step the step number, from 0
 * @param attempt the call number within the step, from 0
 * @param startedAt when the call started
 * @param backend the backend the router chose
 * @param mock whether the backend is scripted ({@link SimulatedBackend}), not a model
 * @param decision the route decision (backend, state, reason, probability)
 * @param messages the conversation sent
 * @param answer the backend's raw answer text ("" after a backend error)
 * @param stopReason why the answer ended, or {@code null} after a backend error
 * @param call the validated tool call, or {@code null} when the answer was invalid or failed
 * @param invalid why the answer was invalid, or {@code null}
 * @param error the backend's error message, or {@code null}
 * @param observation what the model is shown next: the tool's output or the corrective message
 * @param tests the test report behind this call's reward, or {@code null} when none was run
 * @param usage token counts of the answer
 * @param backendMillis time of the model call
 * @param timeToFirstTokenMillis time to the first token of the answer
 * @param toolMillis time spent running the tool (0 when none ran)
 * @param success the reward's success part, from 0 to 1
 * @param cost the call's cost in dollars
 * @param reward the scalar reward logged for fine-tuning ({@link RewardWeights})
 * @param terminal whether the episode ended with this call
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
    String answer,
    StopReason stopReason,
    ToolCall call,
    InvalidCall invalid,
    String error,
    String observation,
    TestReport tests,
    Usage usage,
    double backendMillis,
    double timeToFirstTokenMillis,
    double toolMillis,
    double success,
    double cost,
    double reward,
    boolean terminal) {

  /** Copies the message list. */
  public StepRecord {
    messages = List.copyOf(messages);
  }

  /** Whether the backend failed instead of answering. */
  public boolean backendFailure() {
    return error != null;
  }

  /** The latency reported to the router: the model call plus the tool run, in seconds. */
  public double latencySeconds() {
    return (backendMillis + toolMillis) / 1000.0;
  }
}
