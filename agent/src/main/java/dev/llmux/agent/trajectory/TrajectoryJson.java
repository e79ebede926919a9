package dev.llmux.agent.trajectory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.StepOutcome;
import dev.llmux.agent.StepRecord;
import dev.llmux.agent.task.TestReport;
import dev.llmux.engine.Message;
import dev.llmux.engine.Usage;
import java.util.Map;

/** The JSON form of trajectory lines; the field names are documented in docs/agent.md. */
final class TrajectoryJson {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The format version written in every line as {@code "v"}. */
  static final int VERSION = 1;

  private TrajectoryJson() {}

  /** A step line: {@code {"type": "step", ...}}. */
  static ObjectNode step(StepRecord s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "step");
    n.put("v", VERSION);
    n.put("runId", s.runId());
    n.put("task", s.task());
    n.put("step", s.step());
    n.put("attempt", s.attempt());
    n.put("time", s.startedAt().toString());
    n.put("backend", s.backend());
    n.put("mock", s.mock());
    n.put("role", s.role());
    n.put("workflow", s.workflow());
    ObjectNode route = n.putObject("route");
    route.put("backend", s.decision().backend());
    route.put("state", s.decision().state());
    route.put("reason", s.decision().reason());
    route.put("probability", s.decision().probability());
    ArrayNode messages = n.putArray("messages");
    for (Message m : s.messages()) {
      messages.addObject().put("role", m.role().wireName()).put("content", m.content());
    }
    StepOutcome.Answer answer = s.answer();
    n.put("answer", answer == null ? "" : answer.text());
    if (answer == null) {
      n.putNull("stopReason");
    } else {
      n.put("stopReason", answer.stopReason().name());
    }
    StepOutcome o = s.outcome();
    if (o instanceof StepOutcome.ToolRun run) {
      n.set("call", run.call().toJsonNode());
    } else {
      n.putNull("call");
    }
    if (o instanceof StepOutcome.Reply) {
      n.put("reply", true);
    }
    if (o instanceof StepOutcome.InvalidAnswer invalid) {
      n.putObject("invalid").put("kind", invalid.invalid().kind().name()).put("message", invalid.invalid().message());
    } else {
      n.putNull("invalid");
    }
    if (o instanceof StepOutcome.BackendError error) {
      n.put("error", error.message());
    } else {
      n.putNull("error");
    }
    n.put("observation", s.observation());
    if (o instanceof StepOutcome.ToolRun run && run.tests() != null) {
      n.set("tests", tests(run.tests()));
    } else {
      n.putNull("tests");
    }
    ObjectNode timings = n.putObject("timings");
    timings.put("backendMs", round(s.backendMillis()));
    timings.put("ttftMs", round(s.timeToFirstTokenMillis()));
    timings.put("toolMs", round(s.toolMillis()));
    ObjectNode usage = n.putObject("usage");
    Usage used = answer == null ? Usage.NONE : answer.usage();
    usage.put("promptTokens", used.promptTokens());
    usage.put("completionTokens", used.completionTokens());
    ObjectNode reward = n.putObject("reward");
    reward.put("success", s.success());
    reward.put("latencySeconds", round(s.latencySeconds() * 1000) / 1000);
    reward.put("cost", s.cost());
    reward.put("backendFailure", s.backendFailure());
    reward.put("terminal", s.terminal());
    reward.put("value", round(s.reward() * 1e6) / 1e6);
    return n;
  }

  /** An episode line: {@code {"type": "episode", ...}}. */
  static ObjectNode episode(EpisodeResult r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "episode");
    n.put("v", VERSION);
    n.put("runId", r.runId());
    n.put("task", r.task());
    n.put("difficulty", r.difficulty().name().toLowerCase(java.util.Locale.ROOT));
    n.put("language", r.language().id());
    n.put("success", r.success());
    n.put("passFraction", r.passFraction());
    n.put("end", r.end().name());
    n.put("steps", r.steps());
    n.put("modelCalls", r.modelCalls());
    n.put("invalidCalls", r.invalidCalls());
    n.put("wallMs", r.wallMillis());
    ObjectNode per = n.putObject("stepsPerBackend");
    for (Map.Entry<String, Integer> e : r.stepsPerBackend().entrySet()) {
      per.put(e.getKey(), e.getValue());
    }
    n.put("cost", r.cost());
    n.put("mock", r.mock());
    n.set("tests", tests(r.finalTests()));
    return n;
  }

  private static ObjectNode tests(TestReport t) {
    ObjectNode n = JSON.createObjectNode();
    n.put("passed", t.passed());
    n.put("failed", t.failed());
    n.put("total", t.total());
    n.put("expected", t.expected());
    n.put("verified", t.verified());
    return n;
  }

  private static double round(double millis) {
    return Math.round(millis * 10) / 10.0;
  }
}
