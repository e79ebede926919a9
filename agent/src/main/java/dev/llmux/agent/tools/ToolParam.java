package dev.llmux.agent.tools;

import java.util.Objects;

/**
 * One argument of a tool.
 *
 * @param name the key in {@code args}
 * @param type its JSON type
 * @param required whether a call must give it
 * @param description one phrase for the prompt
 */
public record ToolParam(String name, ParamType type, boolean required, String description) {

  /** Checks the fields. */
  public ToolParam {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
  }

  /** A required argument. */
  public static ToolParam required(String name, ParamType type, String description) {
    return new ToolParam(name, type, true, description);
  }

  /** An optional argument. */
  public static ToolParam optional(String name, ParamType type, String description) {
    return new ToolParam(name, type, false, description);
  }
}
