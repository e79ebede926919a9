package dev.llmux.agent.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.agent.StepOutcome;
import dev.llmux.agent.StepRecord;
import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.tools.InvalidCall;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.engine.Message;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Usage;
import dev.llmux.router.policy.RouteDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each step outcome writes the same step line fields as before the outcome became a sealed type. */
final class TrajectoryJsonTest {

  private static final StepOutcome.Answer ANSWER = new StepOutcome.Answer("{...}", StopReason.END, new Usage(12, 7), 3.5);

  private static JsonNode line(StepOutcome outcome) {
    StepRecord r = new StepRecord("run", "py-add", 2, 1, Instant.parse("2026-01-01T00:00:00Z"), "b", false,
        new RouteDecision("b", 4, "greedy", 0.9), List.of(Message.user("hi")), 20, 0.5, 0.001, 0.4, false, outcome);
    return TrajectoryJson.step(r);
  }

  @Test
  void step_toolRun_hasTheCallAndTheTests_andNoInvalidOrError() {
    TestReport tests = new TestReport(1, 1, 2, 2, true, "out", "");
    JsonNode n = line(new StepOutcome.ToolRun(ANSWER, new ToolCall("run_tests", Map.of()), "1/2 passed", tests, 30));
    assertEquals("run_tests", n.path("call").path("tool").asText());
    assertTrue(n.get("invalid").isNull() && n.get("error").isNull());
    assertEquals("{...}", n.path("answer").asText());
    assertEquals("END", n.path("stopReason").asText());
    assertEquals("1/2 passed", n.path("observation").asText());
    assertEquals(1, n.path("tests").path("passed").asInt());
    assertEquals(30.0, n.path("timings").path("toolMs").asDouble());
    assertEquals(3.5, n.path("timings").path("ttftMs").asDouble());
    assertEquals(12, n.path("usage").path("promptTokens").asInt());
    assertEquals(0.05, n.path("reward").path("latencySeconds").asDouble());
    assertEquals(false, n.path("reward").path("backendFailure").asBoolean());
  }

  @Test
  void step_invalidAnswer_hasTheKindAndTheCorrectiveObservation() {
    JsonNode n = line(new StepOutcome.InvalidAnswer(ANSWER, new InvalidCall(InvalidCall.Kind.NOT_JSON, "not valid JSON")));
    assertTrue(n.get("call").isNull() && n.get("error").isNull() && n.get("tests").isNull());
    assertEquals("NOT_JSON", n.path("invalid").path("kind").asText());
    assertEquals("Invalid answer: not valid JSON", n.path("observation").asText());
    assertEquals(0.0, n.path("timings").path("toolMs").asDouble());
  }

  @Test
  void step_backendError_hasNoAnswer_andIsFlaggedAsAFailure() {
    JsonNode n = line(new StepOutcome.BackendError("backend 'b': down"));
    assertEquals("", n.path("answer").asText());
    assertTrue(n.get("stopReason").isNull() && n.get("call").isNull() && n.get("invalid").isNull() && n.get("tests").isNull());
    assertEquals("backend 'b': down", n.path("error").asText());
    assertEquals("backend error: backend 'b': down", n.path("observation").asText());
    assertEquals(20.0, n.path("timings").path("ttftMs").asDouble(), "without an answer the first token is the whole call");
    assertEquals(0, n.path("usage").path("completionTokens").asInt());
    assertTrue(n.path("reward").path("backendFailure").asBoolean());
  }

  @Test
  void step_stopped_keepsTheAnswer_andSaysWhy() {
    JsonNode n = line(new StepOutcome.Stopped(new StepOutcome.Answer("{\"to", StopReason.DEADLINE, Usage.NONE, 1)));
    assertEquals("DEADLINE", n.path("stopReason").asText());
    assertTrue(n.get("call").isNull() && n.get("invalid").isNull() && n.get("error").isNull());
    assertTrue(n.path("observation").asText().contains("DEADLINE"), n.toString());
    assertEquals(false, n.path("reward").path("backendFailure").asBoolean());
  }
}
