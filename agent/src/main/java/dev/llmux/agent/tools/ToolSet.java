package dev.llmux.agent.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools an agent may call, by name, with the JSON Schema and the plain-words description of
 * the call format they imply. Immutable; made with {@link #builder()}.
 */
public final class ToolSet {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Tool> tools;
  private final String schema;

  private ToolSet(Map<String, Tool> tools) {
    this.tools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tools));
    this.schema = buildSchema();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The tool with this name, or {@code null}. */
  public Tool get(String name) {
    return tools.get(name);
  }

  /** The tool names in order. */
  public List<String> names() {
    return new ArrayList<>(tools.keySet());
  }

  /** The tools in order. */
  public List<Tool> tools() {
    return new ArrayList<>(tools.values());
  }

  /**
   * The JSON Schema every answer must satisfy: {@code oneOf} with one branch per tool, each an
   * object with {@code "tool"} fixed by {@code const} and {@code "args"} listing that tool's
   * arguments, with no other properties. Local backends turn it into a grammar; HTTP backends
   * into JSON mode.
   */
  public String schema() {
    return schema;
  }

  private String buildSchema() {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("title", "llmux tool call");
    ArrayNode oneOf = root.putArray("oneOf");
    for (Tool t : tools.values()) {
      ObjectNode branch = oneOf.addObject();
      branch.put("type", "object");
      ObjectNode props = branch.putObject("properties");
      props.putObject("tool").put("const", t.name());
      ObjectNode args = props.putObject("args");
      args.put("type", "object");
      ObjectNode argProps = args.putObject("properties");
      ArrayNode required = JSON.createArrayNode();
      for (ToolParam p : t.params()) {
        argProps.putObject(p.name()).put("type", p.type().jsonType());
        if (p.required()) {
          required.add(p.name());
        }
      }
      if (!required.isEmpty()) {
        args.set("required", required);
      }
      args.put("additionalProperties", false);
      branch.putArray("required").add("tool").add("args");
      branch.put("additionalProperties", false);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The call format and every tool, in words, for the system prompt. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("Answer every turn with exactly one JSON object and nothing else (no prose, no code fences):\n");
    sb.append("{\"tool\": \"<tool name>\", \"args\": {<arguments>}}\n");
    sb.append("Tools:\n");
    for (Tool t : tools.values()) {
      sb.append("- ").append(t.name()).append('(');
      List<String> ps = new ArrayList<>();
      for (ToolParam p : t.params()) {
        ps.add(p.name() + ": " + p.type().jsonType() + (p.required() ? "" : ", optional"));
      }
      sb.append(String.join(", ", ps)).append("): ").append(t.description());
      for (ToolParam p : t.params()) {
        sb.append("\n    ").append(p.name()).append(": ").append(p.description());
      }
      sb.append('\n');
    }
    sb.append("Example: {\"tool\": \"list_files\", \"args\": {\"path\": \".\"}}\n");
    sb.append("Give every required argument and no others. Strings are JSON strings: escape newlines as \\n and quotes as \\\".");
    return sb.toString();
  }

  /** Builds a {@link ToolSet}. */
  public static final class Builder {
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a tool; its name must be new. */
    public Builder add(Tool tool) {
      if (!tool.name().matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException("tool name '" + tool.name() + "' must be lower_snake_case");
      }
      if (tools.putIfAbsent(tool.name(), tool) != null) {
        throw new IllegalArgumentException("tool '" + tool.name() + "' is already in the set");
      }
      return this;
    }

    /** Builds the set. */
    public ToolSet build() {
      if (tools.isEmpty()) {
        throw new IllegalArgumentException("a tool set needs at least one tool");
      }
      return new ToolSet(tools);
    }
  }
}
