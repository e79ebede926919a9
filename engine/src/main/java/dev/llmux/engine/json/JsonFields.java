package dev.llmux.engine.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads from one JSON file's tree; every problem becomes one exception whose message names
 * the file, the JSON path and the fix ({@code "profiles file x.json: $.backends[1].decodeTokensPerSecond
 * is -3: use a number from 0.001 to 1000000"}). The one JSON reader helper of llmux: the catalog,
 * router settings, policies, simulator profiles and reports all read through it.
 *
 * <p>Arguments always come in the order (object, path of that object, key). Text values may hold
 * {@code ${VAR}} references, replaced from the environment, when the reader was made {@link
 * #withEnvironment with one}; a missing variable is an error naming it, never an empty value.
 */
public final class JsonFields {

  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** The mapper every llmux file goes through: comments allowed, trailing garbage rejected. */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final String where;
  private final Function<String, ? extends RuntimeException> error;
  private final Function<String, String> env;

  private JsonFields(String where, Function<String, ? extends RuntimeException> error, Function<String, String> env) {
    this.where = where;
    this.error = error;
    this.env = env;
  }

  /**
   * A reader for one file.
   *
   * @param where what is read, for messages ({@code "profiles file /tmp/x.json"})
   * @param error builds the exception thrown for a whole message
   */
  public static JsonFields of(String where, Function<String, ? extends RuntimeException> error) {
    return new JsonFields(where, error, null);
  }

  /** This reader, replacing {@code ${VAR}} in text values with {@code env.apply("VAR")}. */
  public JsonFields withEnvironment(Function<String, String> environment) {
    return new JsonFields(where, error, environment);
  }

  /** The shared mapper (comments allowed, trailing tokens rejected), for writing and binding. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** What is read, as given. */
  public String where() {
    return where;
  }

  /** An exception for a problem at {@code path}: {@code "<where>: <path> <problem>"}. */
  public RuntimeException error(String path, String problem) {
    return error.apply(where + ": " + path + " " + problem);
  }

  /**
   * Parses JSON text; a syntax error names the line and column, a document beyond the parser's
   * limits (nesting depth, string or number length) names the limit.
   */
  public JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw error.apply(where + " is empty: it must hold a JSON document");
      }
      return node;
    } catch (StreamConstraintsException e) {
      throw error.apply(where + " is beyond what llmux reads (" + e.getOriginalMessage()
          + "); it is not a file llmux wrote: check or replace it");
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

  /** A required object field. */
  public ObjectNode object(JsonNode object, String path, String key) {
    return object(object.get(key), path + "." + key);
  }

  /** An optional object field, or {@code null} when absent or JSON null. */
  public ObjectNode optionalObject(JsonNode object, String path, String key) {
    JsonNode node = object.get(key);
    return node == null || node.isNull() ? null : object(node, path + "." + key);
  }

  /** Rejects keys outside {@code allowed}, which catches misspelt settings. */
  public void onlyKeys(JsonNode object, String path, String... allowed) {
    onlyKeys(object, path, Set.of(allowed));
  }

  /** Rejects keys outside {@code allowed}, which catches misspelt settings. */
  public void onlyKeys(JsonNode object, String path, Set<String> allowed) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw error(path + "." + name, "is not a known key: use one of " + new TreeSet<>(allowed));
      }
    }
  }

  /** A required non-blank text field ({@code ${VAR}} replaced when this reader has an environment). */
  public String text(JsonNode object, String path, String key) {
    JsonNode node = object.get(key);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw error(path + "." + key, "must be a non-empty string, found " + kind(node));
    }
    return substitute(node.asText(), path + "." + key);
  }

  /** An optional text field; {@code fallback} when absent or JSON null. */
  public String text(JsonNode object, String path, String key, String fallback) {
    JsonNode node = object.get(key);
    return node == null || node.isNull() ? fallback : text(object, path, key);
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

  /** An optional number within [{@code min}, {@code max}]; {@code fallback} when absent or JSON null. */
  public double number(JsonNode object, String path, String key, double min, double max, double fallback) {
    JsonNode node = object.get(key);
    return node == null || node.isNull() ? fallback : number(object, path, key, min, max);
  }

  /**
   * A required whole number within [{@code min}, {@code max}]; with an environment, a string such
   * as {@code "${THREADS}"} is accepted when it reads as a whole number.
   */
  public long integer(JsonNode object, String path, String key, long min, long max) {
    JsonNode node = object.get(key);
    long value;
    if (node != null && node.isTextual() && env != null) {
      String s = substitute(node.asText(), path + "." + key).trim();
      try {
        value = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw error(path + "." + key, "must be a whole number from " + min + " to " + max + ", found " + kind(node));
      }
    } else if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw error(path + "." + key, "must be a whole number from " + min + " to " + max + ", found " + kind(node));
    } else {
      value = node.asLong();
    }
    if (value < min || value > max) {
      throw error(path + "." + key, "is " + value + ": use a whole number from " + min + " to " + max);
    }
    return value;
  }

  /** An optional whole number within [{@code min}, {@code max}]; {@code fallback} when absent or JSON null. */
  public long integer(JsonNode object, String path, String key, long min, long max, long fallback) {
    JsonNode node = object.get(key);
    return node == null || node.isNull() ? fallback : integer(object, path, key, min, max);
  }

  /** An optional boolean; {@code fallback} when absent or JSON null. */
  public boolean bool(JsonNode object, String path, String key, boolean fallback) {
    JsonNode node = object.get(key);
    if (node == null || node.isNull()) {
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

  /** An optional array's items; empty when absent or JSON null. */
  public List<JsonNode> optionalArray(JsonNode object, String path, String key) {
    JsonNode node = object.get(key);
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    array(object, path, key).forEach(items::add);
    return items;
  }

  /** A required array of {@code expectedLength} finite numbers. */
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

  /** An object's fields in document order. */
  public static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode object) {
    return object::fields;
  }

  /**
   * Replaces {@code ${VAR}} references from this reader's environment (unchanged without one); a
   * missing variable is an error naming it and {@code path}.
   */
  public String substitute(String s, String path) {
    if (env == null) {
      return s;
    }
    Matcher m = VAR.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = env.apply(m.group(1));
      if (value == null) {
        throw error(path, "names the environment variable " + m.group(1) + ", which is not set: export it or change this value");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** What a node is, for messages: "nothing", "the string \"x\"", "number 3", "array". */
  public static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isTextual()) {
      String t = node.asText();
      return "the string \"" + (t.length() > 60 ? t.substring(0, 60) + "..." : t) + "\"";
    }
    if (node.isValueNode()) {
      return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
