package dev.llmux.router.policy.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The per (state, backend) tables both bandits keep: pull counts and one statistic per entry (a
 * sum or a mean). Saving, reading back and checking them.
 */
final class Tables {

  private Tables() {}

  /** The saved form: {@code {"counts": [...], "<valuesKey>": [...]}}. */
  static ObjectNode save(long[] counts, String valuesKey, double[] values) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode cs = node.putArray("counts");
    ArrayNode vs = node.putArray(valuesKey);
    for (int i = 0; i < counts.length; i++) {
      cs.add(counts[i]);
      vs.add(values[i]);
    }
    return node;
  }

  /** All counts added up: the number of updates the tables hold. */
  static long total(long[] counts) {
    long sum = 0;
    for (long n : counts) {
      sum += n;
    }
    return sum;
  }

  /** Checks that every value is finite and that the counts add up to {@code updates}. */
  static void check(String policy, long[] counts, String valuesKey, double[] values, long updates) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalStateException(policy + ": " + valuesKey + "[" + i + "] is " + values[i]);
      }
    }
    long sum = total(counts);
    if (sum != updates) {
      throw new IllegalStateException(policy + ": counts add up to " + sum + " but " + updates + " updates were made");
    }
  }

  static long[] counts(JsonNode state, String key, int length) {
    JsonNode array = array(state, key, length);
    long[] values = new long[length];
    for (int i = 0; i < length; i++) {
      JsonNode item = array.get(i);
      if (!item.isIntegralNumber() || item.asLong() < 0) {
        throw new IllegalArgumentException("state." + key + "[" + i + "] must be a count, 0 or more");
      }
      values[i] = item.asLong();
    }
    return values;
  }

  static double[] numbers(JsonNode state, String key, int length) {
    JsonNode array = array(state, key, length);
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      JsonNode item = array.get(i);
      if (!item.isNumber() || !Double.isFinite(item.asDouble())) {
        throw new IllegalArgumentException("state." + key + "[" + i + "] must be a finite number");
      }
      values[i] = item.asDouble();
    }
    return values;
  }

  private static JsonNode array(JsonNode state, String key, int length) {
    JsonNode array = state.get(key);
    if (array == null || !array.isArray() || array.size() != length) {
      throw new IllegalArgumentException("state." + key + " must be an array of " + length + " entries"
          + (array != null && array.isArray() ? ", it has " + array.size() : ""));
    }
    return array;
  }
}
