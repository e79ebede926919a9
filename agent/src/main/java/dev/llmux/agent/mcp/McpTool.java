package dev.llmux.agent.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.agent.tools.ParamType;
import dev.llmux.agent.tools.Tool;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.agent.tools.ToolContext;
import dev.llmux.agent.tools.ToolParam;
import dev.llmux.agent.tools.ToolResult;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool of an MCP server, offered to the agent as {@code SERVER_TOOL}. When every argument of
 * the tool's input schema is a string, integer, number or boolean, the arguments are the tool's own
 * (a number is asked for as an integer: the grammar's subset of the schema); otherwise the tool
 * takes one string argument {@value #ARGUMENTS}, a JSON object validated against the tool's input
 * schema (the SDK's validator) before it is sent. Results come back as text observations of at
 * most {@link #MAX_OBSERVATION} characters; tool errors, refusals, crashes and timeouts as error
 * observations naming the server.
 */
final class McpTool implements Tool {

  /** The single argument of a tool whose schema the grammar cannot express. */
  static final String ARGUMENTS = "arguments";
  /** The most characters of a result kept in the observation. */
  static final int MAX_OBSERVATION = 16_000;
  private static final int MAX_DESCRIPTION = 240;
  private static final int MAX_SCHEMA = 700;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator(JSON);

  private final McpServer server;
  private final McpSchema.Tool tool;
  private final String name;
  private final List<ToolParam> params;
  private final boolean generic;

  McpTool(McpServer server, McpSchema.Tool tool) {
    this.server = server;
    this.tool = tool;
    this.name = (server.spec().name() + "_" + tool.name()).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    List<ToolParam> simple = simpleParams(tool.inputSchema());
    this.generic = simple == null;
    this.params = generic
        ? List.of(ToolParam.required(ARGUMENTS, ParamType.STRING, "the arguments as one JSON object, under this JSON"
            + " Schema: " + schemaText(tool.inputSchema())))
        : simple;
  }

  /** The typed parameters of a flat schema, or {@code null} when some property is not a simple type. */
  @SuppressWarnings("unchecked")
  private static List<ToolParam> simpleParams(Map<String, Object> schema) {
    if (schema == null) {
      return List.of();
    }
    Object props = schema.getOrDefault("properties", Map.of());
    if (!(props instanceof Map<?, ?> properties)) {
      return null;
    }
    List<?> required = schema.get("required") instanceof List<?> r ? r : List.of();
    List<ToolParam> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : properties.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> p) || !(p.get("type") instanceof String type)) {
        return null;
      }
      String key = String.valueOf(e.getKey());
      String description = p.get("description") instanceof String d ? d : key;
      ParamType t;
      switch (type) {
        case "string" -> t = ParamType.STRING;
        case "integer" -> t = ParamType.INTEGER;
        case "number" -> {
          t = ParamType.INTEGER;
          description = description + " (a whole number)";
        }
        case "boolean" -> t = ParamType.BOOLEAN;
        default -> {
          return null;
        }
      }
      if (p.get("enum") instanceof List<?> values) {
        description = description + " (one of " + values + ")";
      }
      out.add(new ToolParam(key, t, required.contains(key), description));
    }
    return out;
  }

  /** The schema for the prompt, compact: without descriptions, defaults and meta keys, cut at 700 characters. */
  private static String schemaText(Map<String, Object> schema) {
    try {
      String s = JSON.writeValueAsString(compact(schema == null ? Map.of("type", "object") : schema));
      return s.length() > MAX_SCHEMA ? s.substring(0, MAX_SCHEMA) + "...(cut)" : s;
    } catch (JsonProcessingException e) {
      return "{\"type\": \"object\"}";
    }
  }

  private static Object compact(Object node) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> {
        String key = String.valueOf(k);
        if (!key.startsWith("$") && !key.equals("description") && !key.equals("default") && !key.equals("title")
            && !key.equals("additionalProperties")) {
          out.put(key, compact(v));
        }
      });
      return out;
    }
    if (node instanceof List<?> l) {
      return l.stream().map(McpTool::compact).toList();
    }
    return node;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    String d = tool.description() == null ? tool.name() : tool.description().strip().replaceAll("\\s+", " ");
    if (d.length() > MAX_DESCRIPTION) {
      d = d.substring(0, MAX_DESCRIPTION) + "...";
    }
    return "[MCP server " + server.spec().name() + "] " + d;
  }

  @Override
  public List<ToolParam> params() {
    return params;
  }

  /** Whether the call takes one JSON-text argument instead of the tool's own. */
  boolean generic() {
    return generic;
  }

  @Override
  public boolean changesWorkspace() {
    return tool.annotations() == null || !Boolean.TRUE.equals(tool.annotations().readOnlyHint());
  }

  @Override
  public ToolResult run(ToolCall call, ToolContext context) {
    Map<String, Object> args;
    if (generic) {
      try {
        args = JSON.readValue(call.string(ARGUMENTS, ""), new TypeReference<LinkedHashMap<String, Object>>() {});
      } catch (JsonProcessingException e) {
        return ToolResult.error("the \"" + ARGUMENTS + "\" of " + name + " must be one JSON object: "
            + e.getOriginalMessage());
      } catch (RuntimeException e) {
        return ToolResult.error("the \"" + ARGUMENTS + "\" of " + name + " must be one JSON object");
      }
      if (args == null) {
        return ToolResult.error("the \"" + ARGUMENTS + "\" of " + name + " must be one JSON object, not null");
      }
      if (tool.inputSchema() != null) {
        JsonSchemaValidator.ValidationResponse v = VALIDATOR.validate(tool.inputSchema(), args);
        if (!v.valid()) {
          return ToolResult.error("the arguments of " + name + " do not fit its schema: " + v.errorMessage());
        }
      }
    } else {
      args = new LinkedHashMap<>(call.args());
    }
    McpSchema.CallToolResult result;
    try {
      result = server.call(context.workspace().root(), tool.name(), args);
    } catch (McpServerException e) {
      return ToolResult.error(e.getMessage());
    } catch (McpServer.CallFailed e) {
      return ToolResult.error(server.who() + " failed on " + tool.name() + ": " + e.getMessage()
          + "; the server was stopped and starts again at the next call");
    }
    String text = text(result);
    if (Boolean.TRUE.equals(result.isError())) {
      return ToolResult.error(name + " reported an error: " + text);
    }
    return ToolResult.ok(text);
  }

  /** The result's text content joined, other content named, capped at {@link #MAX_OBSERVATION}. */
  static String text(McpSchema.CallToolResult result) {
    StringBuilder sb = new StringBuilder();
    for (McpSchema.Content c : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      if (c instanceof McpSchema.TextContent t) {
        sb.append(t.text());
      } else {
        sb.append("[").append(c.type()).append(" content not shown]");
      }
    }
    if (sb.length() == 0 && result.structuredContent() != null) {
      sb.append(String.valueOf(result.structuredContent()));
    }
    if (sb.length() > MAX_OBSERVATION) {
      int cut = sb.length() - MAX_OBSERVATION;
      sb.setLength(MAX_OBSERVATION);
      sb.append("\n[... llmux: ").append(cut).append(" characters cut ...]");
    }
    return sb.length() == 0 ? "(no content)" : sb.toString();
  }

  @Override
  public void endEpisode() {
    if (server.spec().perWorkspace()) {
      server.disconnect();
    }
  }
}
