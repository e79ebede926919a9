package dev.llmux.agent.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A validated call of one tool.
 *
 * @param tool the tool's name
 * @param args the arguments: String, Long or Boolean values, in the order given
 */
public record ToolCall(String tool, Map<String, Object> args) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies the arguments, keeping their order. */
  public ToolCall {
    Objects.requireNonNull(tool, "tool");
    args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  /** A string argument, or {@code fallback} when absent. */
  public String string(String name, String fallback) {
    Object v = args.get(name);
    return v instanceof String s ? s : fallback;
  }

  /** The call as a JSON object node. */
  public ObjectNode toJsonNode() {
    ObjectNode root = JSON.createObjectNode();
    root.put("tool", tool);
    ObjectNode a = root.putObject("args");
    for (Map.Entry<String, Object> e : args.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Long l) {
        a.put(e.getKey(), l);
      } else if (v instanceof Boolean b) {
        a.put(e.getKey(), b);
      } else {
        a.put(e.getKey(), String.valueOf(v));
      }
    }
    return root;
  }

  /** The call in the wire format, {@code {"tool": ..., "args": {...}}}, on one line. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(toJsonNode());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short form for logs and step lines: the tool and its path argument, if any. */
  public String brief() {
    Object path = args.get("path");
    return path == null ? tool : tool + " " + path;
  }
}
