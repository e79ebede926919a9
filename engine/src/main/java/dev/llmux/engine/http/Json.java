package dev.llmux.engine.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The package's shared Jackson mapper and lenient parsing helpers. */
final class Json {

  /** Thread-safe once configured. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses {@code text}, or returns {@code null} when it is not JSON. */
  static JsonNode tryParse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Serialises a tree. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }
}
