package dev.llmux.engine.llama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.engine.InvalidRequestException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON Schema before llama.cpp converts it to a grammar. llama.cpp's converter throws
 * native exceptions on malformed JSON, unknown types and unresolvable references, which would
 * abort the JVM through JNI; this check rejects those in Java with a message naming the JSON path.
 */
final class SchemaCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");

  private SchemaCheck() {}

  /** Parses and checks {@code schema}; returns it re-serialized in canonical form. */
  static String check(String schema) {
    JsonNode root;
    try {
      root = JSON.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("jsonSchema is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !(root.isObject() || root.isBoolean())) {
      throw new InvalidRequestException("jsonSchema must be a JSON object (a JSON Schema)");
    }
    walk(root, root, "$", 0);
    return root.toString();
  }

  private static void walk(JsonNode root, JsonNode node, String path, int depth) {
    if (depth > 64) {
      throw new InvalidRequestException("jsonSchema nests deeper than 64 levels at " + path);
    }
    if (node.isBoolean()) {
      return;
    }
    if (!node.isObject()) {
      throw new InvalidRequestException("jsonSchema: " + path + " must be a schema object");
    }
    JsonNode type = node.get("type");
    if (type != null) {
      if (type.isTextual()) {
        checkType(type.asText(), path + ".type");
      } else if (type.isArray()) {
        for (JsonNode t : type) {
          if (!t.isTextual()) {
            throw new InvalidRequestException("jsonSchema: " + path + ".type must list type names");
          }
          checkType(t.asText(), path + ".type");
        }
      } else {
        throw new InvalidRequestException("jsonSchema: " + path + ".type must be a type name or a list of them");
      }
    }
    JsonNode ref = node.get("$ref");
    if (ref != null) {
      if (!ref.isTextual() || resolve(root, ref.asText()) == null) {
        throw new InvalidRequestException("jsonSchema: " + path + ".$ref " + ref + " does not resolve inside the schema;"
            + " only local references like \"#/$defs/Name\" are supported");
      }
    }
    JsonNode props = node.get("properties");
    if (props != null) {
      if (!props.isObject()) {
        throw new InvalidRequestException("jsonSchema: " + path + ".properties must be an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(root, e.getValue(), path + ".properties." + e.getKey(), depth + 1);
      }
    }
    JsonNode required = node.get("required");
    if (required != null && (!required.isArray() || !allText(required))) {
      throw new InvalidRequestException("jsonSchema: " + path + ".required must be a list of property names");
    }
    for (String key : new String[] {"items", "additionalProperties", "not"}) {
      JsonNode sub = node.get(key);
      if (sub != null && (sub.isObject() || sub.isBoolean())) {
        walk(root, sub, path + "." + key, depth + 1);
      }
    }
    for (String key : new String[] {"anyOf", "oneOf", "allOf", "prefixItems"}) {
      JsonNode list = node.get(key);
      if (list != null) {
        if (!list.isArray() || list.isEmpty()) {
          throw new InvalidRequestException("jsonSchema: " + path + "." + key + " must be a non-empty list of schemas");
        }
        for (int i = 0; i < list.size(); i++) {
          walk(root, list.get(i), path + "." + key + "[" + i + "]", depth + 1);
        }
      }
    }
    for (String key : new String[] {"$defs", "definitions"}) {
      JsonNode defs = node.get(key);
      if (defs != null && defs.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          walk(root, e.getValue(), path + "." + key + "." + e.getKey(), depth + 1);
        }
      }
    }
    JsonNode en = node.get("enum");
    if (en != null && (!en.isArray() || en.isEmpty())) {
      throw new InvalidRequestException("jsonSchema: " + path + ".enum must be a non-empty list");
    }
    for (String key : new String[] {"minItems", "maxItems", "minLength", "maxLength"}) {
      JsonNode n = node.get(key);
      if (n != null && (!n.canConvertToInt() || n.asInt() < 0)) {
        throw new InvalidRequestException("jsonSchema: " + path + "." + key + " must be a non-negative integer");
      }
    }
    JsonNode pattern = node.get("pattern");
    if (pattern != null) {
      throw new InvalidRequestException("jsonSchema: " + path + ".pattern is not supported by the local grammar"
          + " converter; describe the format in words or use enum");
    }
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode n : array) {
      if (!n.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static void checkType(String t, String path) {
    if (!TYPES.contains(t)) {
      throw new InvalidRequestException("jsonSchema: " + path + " has unknown type \"" + t + "\"; use one of " + TYPES);
    }
  }

  private static JsonNode resolve(JsonNode root, String ref) {
    if (ref.equals("#")) {
      return root;
    }
    if (!ref.startsWith("#/")) {
      return null;
    }
    JsonNode n = root.at(ref.substring(1));
    return n.isMissingNode() ? null : n;
  }
}
