package dev.llmux.agent.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.agent.Agent;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.StepOutcome;
import dev.llmux.agent.StepRecord;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.tools.InvalidCall;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.Message;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Tokens;
import dev.llmux.router.RoutedBackend;
import dev.llmux.router.RoutedBackend.Routed;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * One JSON call to a role of a workflow: routed by the role's own router, answered under the
 * role's JSON schema (grammar-constrained on local models), parsed, recorded as one trajectory line
 * with the role and workflow, and counted in the agent's invalid-call rates as {@code role:backend}.
 * The role's router is told the outcome later, by {@link #feedback}, once the workflow knows how
 * good the answer was.
 */
final class RoleCall {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the role answered.
   *
   * @param json the parsed answer, or {@code null} when it was not valid JSON of an object (or no backend answered)
   * @param routed the routed answer, or {@code null} when no backend answered
   * @param cost its cost in dollars
   */
  record Result(JsonNode json, Routed routed, double cost) {}

  private RoleCall() {}

  /**
   * Asks {@code role} with a system and a user message for one JSON object of {@code schema};
   * reports the call to {@code listener} as step {@code step} of episode {@code runId}.
   */
  static Result ask(Agent agent, String role, String workflow, String runId, Task task, int step, String system,
      String user, String schema, StepListener listener) {
    RoutedBackend routed = agent.role(role);
    List<Message> messages = List.of(Message.system(system), Message.user(user));
    ChatRequest request = ChatRequest.builder().messages(messages).jsonSchema(schema)
        .maxTokens(agent.config().maxTokens()).temperature(agent.config().temperature())
        .seed(agent.config().seed() + 7919L * step).build();
    RouteContext context = new RouteContext(task.difficulty(), step, RouteContext.LastOutcome.NONE, Tokens.estimate(messages));
    Instant at = Instant.now();
    long t0 = System.nanoTime();
    Routed r;
    try {
      r = routed.route(request, context, TokenListener.NONE);
    } catch (BackendException | InvalidRequestException e) {
      double ms = (System.nanoTime() - t0) / 1e6;
      listener.onStep(new StepRecord(runId, task.name(), step, 0, at, routed.name(), false,
          new RouteDecision(routed.name(), -1, "failed", 1.0), messages, ms, 0, 0, 0, false,
          new StepOutcome.BackendError(e.getMessage()), role, workflow));
      return new Result(null, null, 0);
    }
    ChatResponse response = r.response();
    StepOutcome.Answer answer = new StepOutcome.Answer(response.text(), response.stopReason(), response.usage(),
        response.timings().timeToFirstTokenMillis());
    String key = role + ":" + r.decision().backend();
    JsonNode json = parse(response);
    StepOutcome outcome;
    if (json == null) {
      InvalidCall.Kind kind = response.text().isBlank() ? InvalidCall.Kind.EMPTY : InvalidCall.Kind.NOT_JSON;
      agent.invalidCalls().invalid(key, kind);
      outcome = new StepOutcome.InvalidAnswer(answer, new InvalidCall(kind,
          "the " + role + " did not answer with one complete JSON object"));
    } else {
      agent.invalidCalls().valid(key);
      outcome = new StepOutcome.Reply(answer, summary(json));
    }
    boolean mock = r.decision().backend().startsWith("mock-");
    listener.onStep(new StepRecord(runId, task.name(), step, 0, at, r.decision().backend(), mock, r.decision(), messages,
        r.latencySeconds() * 1000, 0, r.cost(), 0, false, outcome, role, workflow));
    return new Result(json, r, r.cost());
  }

  /** Tells the role's router how good an answer turned out ({@code success} from 0 to 1). */
  static void feedback(Agent agent, String role, Result result, double success) {
    if (result.routed() != null) {
      Routed r = result.routed();
      agent.role(role).router().feedback(r.decision(), new Outcome(success, r.latencySeconds(), r.cost(), true, false, null));
    }
  }

  private static JsonNode parse(ChatResponse response) {
    if (response.stopReason() == StopReason.LENGTH || response.stopReason() == StopReason.CANCELLED
        || response.stopReason() == StopReason.DEADLINE) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(response.text());
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String summary(JsonNode json) {
    String s = json.toString();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
