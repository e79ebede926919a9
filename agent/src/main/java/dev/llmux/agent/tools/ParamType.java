package dev.llmux.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON type of a tool argument. */
public enum ParamType {
  /** A JSON string. */
  STRING("string"),
  /** A JSON number without a fractional part that fits in a long. */
  INTEGER("integer"),
  /** {@code true} or {@code false}. */
  BOOLEAN("boolean");

  private final String jsonType;

  ParamType(String jsonType) {
    this.jsonType = jsonType;
  }

  /** The JSON Schema type name. */
  public String jsonType() {
    return jsonType;
  }

  /** Whether a JSON value has this type. */
  public boolean accepts(JsonNode value) {
    return switch (this) {
      case STRING -> value.isTextual();
      case INTEGER -> value.isIntegralNumber() && value.canConvertToLong();
      case BOOLEAN -> value.isBoolean();
    };
  }

  /** The Java value of a JSON value of this type: String, Long or Boolean. */
  public Object toJava(JsonNode value) {
    return switch (this) {
      case STRING -> value.asText();
      case INTEGER -> value.asLong();
      case BOOLEAN -> value.asBoolean();
    };
  }
}
