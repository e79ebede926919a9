package dev.llmux.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The one way llmux asks a model for a function call on behalf of an API that offers tools (the
 * OpenAI-compatible server, the LangChain4j adapter): a system message listing the tools, and a
 * JSON schema that constrains the answer to {@code {"name": TOOL, "arguments": {...}}} (the tool's
 * own parameter schema when one tool is offered).
 */
public final class ToolCalls {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolCalls() {}

  /**
   * A tool offered to the model.
   *
   * @param name its name
   * @param description what it does, or {@code null}
   * @param parameters its parameters' JSON schema, or {@code null}
   */
  public record Tool(String name, String description, JsonNode parameters) {}

  /**
   * A call the model answered.
   *
   * @param name the tool's name
   * @param arguments the arguments as JSON text
   */
  public record Call(String name, String arguments) {}

  /** The system message that lists the tools and the answer's form. */
  public static String prompt(List<Tool> tools) {
    StringBuilder p = new StringBuilder("You can call one of these tools. Answer only with a JSON object"
        + " {\"name\": TOOL, \"arguments\": {...}}.\n");
    for (Tool t : tools) {
      p.append("- ").append(t.name());
      if (t.description() != null) {
        p.append(": ").append(t.description());
      }
      if (t.parameters() != null) {
        p.append(" Parameters: ").append(t.parameters());
      }
      p.append('\n');
    }
    return p.toString();
  }

  /** The JSON schema (as text) an answer that calls one of {@code tools} satisfies. */
  public static String schema(List<Tool> tools) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode props = schema.putObject("properties");
    ArrayNode names = props.putObject("name").put("type", "string").putArray("enum");
    tools.forEach(t -> names.add(t.name()));
    JsonNode only = tools.size() == 1 ? tools.get(0).parameters() : null;
    if (only != null && only.isObject()) {
      props.set("arguments", only);
    } else {
      props.putObject("arguments").put("type", "object");
    }
    schema.putArray("required").add("name").add("arguments");
    return schema.toString();
  }

  /** The call in an answer made under {@link #schema}, or empty when the text is not a whole call (cut short). */
  public static Optional<Call> parse(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.hasNonNull("name")) {
        return Optional.empty();
      }
      return Optional.of(new Call(n.get("name").asText(), n.has("arguments") ? n.get("arguments").toString() : "{}"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The text of an earlier call, as the model would have answered it (for a conversation's history). */
  public static String format(String name, String arguments) {
    ObjectNode call = JSON.createObjectNode().put("name", name);
    try {
      call.set("arguments", JSON.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments));
    } catch (IOException e) {
      call.put("arguments", arguments);
    }
    return call.toString();
  }
}
