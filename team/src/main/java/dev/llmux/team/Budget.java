package dev.llmux.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.json.JsonFields;

/**
 * A team's limits.
 *
 * @param maxCost the most a run may cost, in dollars (the plan's estimate is checked against it)
 * @param stepCost the estimated cost of one teammate step, in dollars (0 for local models)
 * @param maxAttempts attempts per subtask before it finally fails (task failures and merge conflicts)
 * @param maxPlanAttempts plans asked of the lead before the run gives up
 * @param maxOutageRetries retries of one attempt while its backend is down or rate-limited
 */
public record Budget(double maxCost, double stepCost, int maxAttempts, int maxPlanAttempts, int maxOutageRetries) {

  /** The defaults: $1, free steps, 3 attempts, 3 plans, 6 outage retries. */
  public static final Budget DEFAULT = new Budget(1.0, 0.0, 3, 3, 6);

  /** Checks the limits. */
  public Budget {
    if (!(maxCost >= 0) || !(stepCost >= 0)) {
      throw new TeamException("budget: maxCost and stepCost must be 0 or more");
    }
    if (maxAttempts < 1 || maxPlanAttempts < 1 || maxOutageRetries < 0) {
      throw new TeamException("budget: maxAttempts and maxPlanAttempts must be at least 1, maxOutageRetries 0 or more");
    }
  }

  /** The budget as stored. */
  public ObjectNode toJson() {
    return JsonFields.mapper().createObjectNode()
        .put("maxCost", maxCost).put("stepCost", stepCost).put("maxAttempts", maxAttempts)
        .put("maxPlanAttempts", maxPlanAttempts).put("maxOutageRetries", maxOutageRetries);
  }

  /** Reads a budget ({@link #DEFAULT} values for absent keys). */
  static Budget fromJson(JsonNode o, JsonFields f) {
    if (o == null) {
      return DEFAULT;
    }
    f.onlyKeys(o, "$.budget", "maxCost", "stepCost", "maxAttempts", "maxPlanAttempts", "maxOutageRetries");
    return new Budget(
        f.number(o, "$.budget", "maxCost", 0, 1e9, DEFAULT.maxCost()),
        f.number(o, "$.budget", "stepCost", 0, 1e6, DEFAULT.stepCost()),
        (int) f.integer(o, "$.budget", "maxAttempts", 1, 100, DEFAULT.maxAttempts()),
        (int) f.integer(o, "$.budget", "maxPlanAttempts", 1, 100, DEFAULT.maxPlanAttempts()),
        (int) f.integer(o, "$.budget", "maxOutageRetries", 0, 100, DEFAULT.maxOutageRetries()));
  }
}
