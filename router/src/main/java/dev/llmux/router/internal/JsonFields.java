package dev.llmux.router.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads fields from a JSON tree and reports every problem as one exception whose message names the
 * file, the JSON path and the fix ({@code "profiles file x.json: $.backends[1].decodeTokensPerSecond
 * is -3: use a number from 0.001 to 1000000"}).
 */
public final class JsonFields {

  /** The mapper every router file goes through: comments allowed, trailing garbage rejected. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final String where;
  private final Function<String, RuntimeException> error;

  /**
   * A reader for one file.
   *
   * @param where what is read, for messages ("profiles file /tmp/x.json")
   * @param error builds the exception thrown for a message
   */
  public JsonFields(String where, Function<String, RuntimeException> error) {
    this.where = where;
    this.error = error;
  }

  /** What is read, as given. */
  public String where() {
    return where;
  }

  /** An exception for a problem at {@code path}. */
  public RuntimeException error(String path, String problem) {
    return error.apply(where + ": " + path + " " + problem);
  }

  /** Parses JSON text; a syntax error names the line and column. */
  public JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw error.apply(where + " is empty: it must hold a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      String location = e.getLocation() == null
          ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw error.apply(where + " is not valid JSON" + location + " (" + e.getOriginalMessage()
          + "); it may be truncated or not a JSON file");
    }
  }

  /** The node as an object. */
  public ObjectNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw error(path, "must be a JSON object, found " + kind(node));
    }
    return (ObjectNode) node;
  }

  /** Rejects keys outside {@code allowed}, which catches misspelt settings. */
  public void onlyKeys(JsonNode object, String path, String... allowed) {
    Set<String> known = Set.of(allowed);
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw error(path + "." + name, "is not a known key: use one of " + new TreeSet<>(known));
      }
    }
  }

  /** A required text field. */
  public String text(JsonNode object, String path, String key) {
    JsonNode node = object.get(key);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw error(path + "." + key, "must be a non-empty string, found " + kind(node));
    }
    return node.asText();
  }

  /** An optional text field. */
  public String text(JsonNode object, String path, String key, String fallback) {
    return object.has(key) ? text(object, path, key) : fallback;
  }

  /** A required number within [{@code min}, {@code max}]. */
  public double number(JsonNode object, String path, String key, double min, double max) {
    JsonNode node = object.get(key);
    if (node == null || !node.isNumber()) {
      throw error(path + "." + key, "must be a number from " + min + " to " + max + ", found " + kind(node));
    }
    double value = node.asDouble();
    if (!(value >= min && value <= max)) {
      throw error(path + "." + key, "is " + value + ": use a number from " + min + " to " + max);
    }
    return value;
  }

  /** An optional number within [{@code min}, {@code max}]. */
  public double number(JsonNode object, String path, String key, double min, double max, double fallback) {
    return object.has(key) ? number(object, path, key, min, max) : fallback;
  }

  /** A required whole number within [{@code min}, {@code max}]. */
  public long integer(JsonNode object, String path, String key, long min, long max) {
    JsonNode node = object.get(key);
    if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
      throw error(path + "." + key, "must be a whole number from " + min + " to " + max + ", found " + kind(node));
    }
    long value = node.asLong();
    if (value < min || value > max) {
      throw error(path + "." + key, "is " + value + ": use a whole number from " + min + " to " + max);
    }
    return value;
  }

  /** An optional whole number within [{@code min}, {@code max}]. */
  public long integer(JsonNode object, String path, String key, long min, long max, long fallback) {
    return object.has(key) ? integer(object, path, key, min, max) : fallback;
  }

  /** An optional boolean. */
  public boolean bool(JsonNode object, String path, String key, boolean fallback) {
    JsonNode node = object.get(key);
    if (node == null) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw error(path + "." + key, "must be true or false, found " + kind(node));
    }
    return node.asBoolean();
  }

  /** A required array. */
  public ArrayNode array(JsonNode object, String path, String key) {
    JsonNode node = object.get(key);
    if (node == null || !node.isArray()) {
      throw error(path + "." + key, "must be a JSON array, found " + kind(node));
    }
    return (ArrayNode) node;
  }

  /** An optional array; empty when absent. */
  public List<JsonNode> optionalArray(JsonNode object, String path, String key) {
    if (!object.has(key)) {
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    array(object, path, key).forEach(items::add);
    return items;
  }

  /** A required array of numbers, each finite. */
  public double[] numbers(JsonNode object, String path, String key, int expectedLength) {
    ArrayNode array = array(object, path, key);
    if (array.size() != expectedLength) {
      throw error(path + "." + key, "has " + array.size() + " entries, expected " + expectedLength);
    }
    double[] values = new double[expectedLength];
    for (int i = 0; i < expectedLength; i++) {
      JsonNode item = array.get(i);
      if (!item.isNumber() || !Double.isFinite(item.asDouble())) {
        throw error(path + "." + key + "[" + i + "]", "must be a finite number, found " + kind(item));
      }
      values[i] = item.asDouble();
    }
    return values;
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isTextual()) {
      return "the string \"" + node.asText() + "\"";
    }
    if (node.isValueNode()) {
      return node.getNodeType().name().toLowerCase() + " " + node;
    }
    return node.getNodeType().name().toLowerCase();
  }
}
