package dev.llmux.team.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.json.JsonFields;
import dev.llmux.team.Team;
import dev.llmux.team.TeamException;

/**
 * A run's record: its team, task and folder, its status, the approved plan, and the history of
 * plans, reviews and decisions (each an object with {@code kind} {@code plan}, {@code review} or
 * {@code decision}).
 *
 * @param id the run's id
 * @param team the team as it was when the run started
 * @param task the task text
 * @param dir the run's workspace folder
 * @param created when the run started, milliseconds since the epoch
 * @param status where the run stands
 * @param plan the approved plan's JSON, or empty
 * @param history plans, reviews and decisions, oldest first
 */
public record RunInfo(String id, Team team, String task, String dir, long created, RunStatus status, String plan, ArrayNode history) {

  /** This record with another status. */
  public RunInfo withStatus(RunStatus s) {
    return new RunInfo(id, team, task, dir, created, s, plan, history);
  }

  /** This record with the approved plan. */
  public RunInfo withPlan(String p) {
    return new RunInfo(id, team, task, dir, created, status, p, history);
  }

  /** Adds one history entry (in place) and returns this record. */
  public RunInfo record(ObjectNode entry) {
    history.add(entry);
    return this;
  }

  /** The record as stored. */
  public ObjectNode toJson() {
    ObjectNode o = JsonFields.mapper().createObjectNode();
    o.put("id", id).put("task", task).put("dir", dir).put("created", created).put("status", status.name()).put("plan", plan);
    o.set("team", team.toJson());
    o.set("history", history);
    return o;
  }

  /** Reads a stored record; {@code where} names it in errors. */
  public static RunInfo fromJson(String text, String where) {
    JsonFields f = JsonFields.of(where, TeamException::new);
    JsonNode o = f.object(f.parse(text), "$");
    JsonNode h = o.get("history");
    RunStatus status;
    try {
      status = RunStatus.valueOf(f.text(o, "$", "status"));
    } catch (IllegalArgumentException e) {
      throw f.error("$.status", "is not a run status");
    }
    return new RunInfo(f.text(o, "$", "id"), Team.fromJson(f.object(o, "$", "team"), f), o.path("task").asText(),
        f.text(o, "$", "dir"), o.path("created").asLong(), status, o.path("plan").asText(""),
        h != null && h.isArray() ? (ArrayNode) h : JsonFields.mapper().createArrayNode());
  }
}
