package dev.llmux.router.policy.bandit;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the arrays of saved bandit statistics. */
final class Tables {

  private Tables() {}

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
