package dev.llmux.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.ConfigException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads from a JSON tree whose errors name the file and the JSON path ({@code $.models.a.threads})
 * and say what is expected. Strings may hold {@code ${VAR}} references, replaced from the environment.
 */
final class JsonPaths {

  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final Path file;
  private final Function<String, String> env;

  JsonPaths(Path file, Function<String, String> env) {
    this.file = file;
    this.env = env;
  }

  ConfigException error(String path, String problem) {
    return new ConfigException((file == null ? "config" : file.toString()) + ": " + path + ": " + problem);
  }

  void onlyKeys(JsonNode obj, String path, Set<String> allowed) {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw error(path + "." + k, "unknown key; allowed keys here are " + new TreeSet<>(allowed));
      }
    }
  }

  JsonNode object(JsonNode parent, String key, String path, boolean required) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        throw error(path + "." + key, "missing; add an object here");
      }
      return null;
    }
    if (!n.isObject()) {
      throw error(path + "." + key, "expected an object, found " + describe(n));
    }
    return n;
  }

  String string(JsonNode parent, String key, String path, String fallback) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      if (fallback == null) {
        throw error(path + "." + key, "missing; add a string value");
      }
      return fallback;
    }
    if (!n.isTextual()) {
      throw error(path + "." + key, "expected a string, found " + describe(n));
    }
    return substitute(n.asText(), path + "." + key);
  }

  int integer(JsonNode parent, String key, String path, int fallback) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (n.isTextual()) {
      String s = substitute(n.asText(), path + "." + key).trim();
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw error(path + "." + key, "expected an integer, found the string \"" + n.asText() + "\"");
      }
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw error(path + "." + key, "expected an integer, found " + describe(n));
    }
    return n.asInt();
  }

  double number(JsonNode parent, String key, String path, double fallback) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isNumber()) {
      throw error(path + "." + key, "expected a number, found " + describe(n));
    }
    return n.asDouble();
  }

  boolean bool(JsonNode parent, String key, String path, boolean fallback) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw error(path + "." + key, "expected true or false, found " + describe(n));
    }
    return n.asBoolean();
  }

  /** Replaces {@code ${VAR}} references; a missing variable is an error naming it (never a value). */
  String substitute(String s, String path) {
    Matcher m = VAR.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = env.apply(m.group(1));
      if (value == null) {
        throw error(path, "environment variable " + m.group(1) + " is not set; export it or change this value");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static String describe(JsonNode n) {
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "the number " + n;
    }
    if (n.isBoolean()) {
      return n.asText();
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isObject()) {
      return "an object";
    }
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode obj) {
    return obj::fields;
  }
}
