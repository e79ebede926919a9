package dev.llmux.team.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.json.JsonFields;
import dev.llmux.team.SubtaskState;

/**
 * A subtask's stored state.
 *
 * @param id the subtask's id
 * @param state PENDING, RUNNING, DONE, FAILED or SKIPPED (never READY: see {@link SubtaskState})
 * @param failures task failures and merge conflicts so far
 * @param claims how often it was claimed (a claim after an expired lease counts again)
 * @param token the fencing token of the latest claim
 * @param owner the worker of the latest claim
 * @param feedback the last failure, given to the next attempt
 * @param summary what the teammate said when it finished
 * @param error why it failed or was skipped
 * @param seq the order in which it was merged (1 for the first), 0 until done
 * @param changed the files its completion changed, comma-separated
 */
public record SubtaskRecord(
    String id, SubtaskState state, int failures, int claims, long token, String owner, String feedback, String summary,
    String error, long seq, String changed) {

  /** A fresh pending record. */
  public static SubtaskRecord pending(String id) {
    return new SubtaskRecord(id, SubtaskState.PENDING, 0, 0, 0, "", "", "", "", 0, "");
  }

  /** The record as stored. */
  public ObjectNode toJson() {
    return JsonFields.mapper().createObjectNode().put("id", id).put("state", state.name()).put("failures", failures)
        .put("claims", claims).put("token", token).put("owner", owner).put("feedback", feedback).put("summary", summary)
        .put("error", error).put("seq", seq).put("changed", changed);
  }

  /** Reads a stored record. */
  public static SubtaskRecord fromJson(JsonNode n) {
    return new SubtaskRecord(n.path("id").asText(), SubtaskState.valueOf(n.path("state").asText("PENDING")),
        n.path("failures").asInt(), n.path("claims").asInt(), n.path("token").asLong(), n.path("owner").asText(""),
        n.path("feedback").asText(""), n.path("summary").asText(""), n.path("error").asText(""), n.path("seq").asLong(),
        n.path("changed").asText(""));
  }

  /** A copy with these fields changed. */
  SubtaskRecord with(SubtaskState s, int failures, int claims, long token, String owner, String feedback, String summary,
      String error, long seq, String changed) {
    return new SubtaskRecord(id, s, failures, claims, token, owner, feedback, summary, error, seq, changed);
  }
}
