package dev.llmux.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.json.JsonFields;

/**
 * One progress event of a run, as stored and as rendered ({@code --ui inline|bar|json}).
 *
 * @param time milliseconds since the epoch
 * @param run the run's id
 * @param kind what happened: {@code run}, {@code plan}, {@code review}, {@code decision},
 *     {@code claim}, {@code done}, {@code retry}, {@code failed}, {@code skipped}, {@code conflict},
 *     {@code outage}, {@code stale}, {@code store}, {@code finished}
 * @param subtask the subtask's id, or empty
 * @param attempt the attempt (1 for the first), or 0
 * @param worker who reported it
 * @param message one line for people
 */
public record TeamEvent(long time, String run, String kind, String subtask, int attempt, String worker, String message) {

  /** An event now. */
  public static TeamEvent of(String run, String kind, String subtask, int attempt, String worker, String message) {
    return new TeamEvent(System.currentTimeMillis(), run, kind, subtask, attempt, worker, message);
  }

  /** The event as one JSON object. */
  public ObjectNode toJson() {
    return JsonFields.mapper().createObjectNode().put("time", time).put("run", run).put("kind", kind)
        .put("subtask", subtask).put("attempt", attempt).put("worker", worker).put("message", message);
  }

  /** Reads an event written by {@link #toJson}. */
  public static TeamEvent fromJson(JsonNode n) {
    return new TeamEvent(n.path("time").asLong(), n.path("run").asText(), n.path("kind").asText(), n.path("subtask").asText(),
        n.path("attempt").asInt(), n.path("worker").asText(), n.path("message").asText());
  }

  /** One line for people: {@code [s2] done (attempt 1, w1): ...}. */
  public String line() {
    StringBuilder b = new StringBuilder();
    if (!subtask.isEmpty()) {
      b.append('[').append(subtask).append("] ");
    }
    b.append(kind);
    if (attempt > 0) {
      b.append(" (attempt ").append(attempt).append(worker.isEmpty() ? "" : ", " + worker).append(')');
    }
    if (!message.isEmpty()) {
      b.append(": ").append(message);
    }
    return b.toString();
  }
}
