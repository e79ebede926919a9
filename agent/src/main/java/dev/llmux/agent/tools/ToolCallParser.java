package dev.llmux.agent.tools;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.agent.tools.InvalidCall.Kind;
import dev.llmux.engine.StopReason;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a model's answer into one {@link ToolCall} and validates it strictly against a
 * {@link ToolSet}: exactly one JSON object, a known tool, every required argument, no other
 * arguments, the right types, nothing after it. An answer cut off by the token limit is never a
 * call, even if its text happens to parse.
 */
public final class ToolCallParser {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final ToolSet tools;

  /** A parser for calls of {@code tools}. */
  public ToolCallParser(ToolSet tools) {
    this.tools = tools;
  }

  /** The outcome of parsing: a call or the reason there is none. */
  public sealed interface Result permits Valid, Invalid {}

  /** A valid call. */
  public record Valid(ToolCall call) implements Result {}

  /** An invalid answer. */
  public record Invalid(InvalidCall error) implements Result {}

  /** Parses an answer that ended for {@code stopReason}. */
  public Result parse(String text, StopReason stopReason, int maxTokens) {
    if (stopReason == StopReason.LENGTH) {
      return invalid(Kind.CUT_OFF, "Your answer was cut off at the limit of " + maxTokens
          + " tokens, so it was not executed. Send a shorter call: for a long file, write a shorter version first.");
    }
    return parse(text);
  }

  /** Parses a complete answer. */
  public Result parse(String text) {
    if (text.isBlank()) {
      return invalid(Kind.EMPTY, "Your answer was empty. " + format());
    }
    JsonNode root;
    try (JsonParser p = JSON.createParser(text)) {
      try {
        root = p.readValueAsTree();
      } catch (JsonParseException e) {
        return invalid(Kind.NOT_JSON, "Your answer is not valid JSON (" + e.getOriginalMessage()
            + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "). " + format());
      }
      if (root == null) {
        return invalid(Kind.EMPTY, "Your answer held no JSON value. " + format());
      }
      JsonToken next;
      try {
        next = p.nextToken();
      } catch (JsonParseException e) {
        next = JsonToken.NOT_AVAILABLE;
      }
      if (next == JsonToken.START_OBJECT) {
        return invalid(Kind.TWO_CALLS, "Your answer holds more than one JSON object. Send exactly one tool call per turn;"
            + " you will see its result before the next turn.");
      }
      if (next != null) {
        long offset = p.currentLocation().getCharOffset();
        String rest = text.substring((int) Math.min(Math.max(0, offset - 1), text.length())).strip();
        return invalid(Kind.TRAILING_TEXT, "Your answer has text after the JSON object ("
            + quote(rest.length() > 40 ? rest.substring(0, 40) + "..." : rest) + "). Send only the JSON object.");
      }
    } catch (IOException e) {
      return invalid(Kind.NOT_JSON, "Your answer could not be read as JSON (" + e.getMessage() + "). " + format());
    }
    if (root.isArray()) {
      return invalid(root.size() > 1 ? Kind.TWO_CALLS : Kind.NOT_AN_OBJECT,
          "Your answer is a JSON array. Send one JSON object, one tool call per turn. " + format());
    }
    if (!root.isObject()) {
      return invalid(Kind.NOT_AN_OBJECT, "Your answer is a JSON " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + ", not an object. " + format());
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("tool") && !key.equals("args")) {
        return invalid(Kind.BAD_SHAPE, "Your call has the key " + quote(key) + "; a call has only \"tool\" and \"args\". " + format());
      }
    }
    JsonNode toolNode = root.get("tool");
    if (toolNode == null || !toolNode.isTextual()) {
      return invalid(Kind.BAD_SHAPE, "Your call needs \"tool\" with the tool's name as a string. " + format());
    }
    String name = toolNode.asText();
    Tool tool = tools.get(name);
    if (tool == null) {
      return invalid(Kind.UNKNOWN_TOOL, "There is no tool " + quote(name) + ". The tools are: "
          + String.join(", ", tools.names()) + ".");
    }
    JsonNode args = root.get("args");
    if (args == null) {
      return invalid(Kind.BAD_SHAPE, "Your call needs \"args\", an object with the arguments of " + name
          + " (use {} when it takes none).");
    }
    if (!args.isObject()) {
      return invalid(Kind.BAD_SHAPE, "\"args\" must be a JSON object, not a " + args.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
    }
    Map<String, ToolParam> params = new LinkedHashMap<>();
    for (ToolParam p : tool.params()) {
      params.put(p.name(), p);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : args.properties()) {
      ToolParam p = params.get(e.getKey());
      if (p == null) {
        return invalid(Kind.EXTRA_ARGUMENT, "Tool " + name + " takes no argument " + quote(e.getKey()) + "; "
            + argumentList(tool));
      }
      if (!p.type().accepts(e.getValue())) {
        return invalid(Kind.WRONG_TYPE, "Argument " + quote(p.name()) + " of " + name + " must be a " + p.type().jsonType()
            + ", not a " + e.getValue().getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
      }
      values.put(p.name(), p.type().toJava(e.getValue()));
    }
    for (ToolParam p : tool.params()) {
      if (p.required() && !values.containsKey(p.name())) {
        return invalid(Kind.MISSING_ARGUMENT, "Tool " + name + " needs the argument " + quote(p.name()) + " ("
            + p.type().jsonType() + ": " + p.description() + "); " + argumentList(tool));
      }
    }
    return new Valid(new ToolCall(name, values));
  }

  private static String argumentList(Tool tool) {
    if (tool.params().isEmpty()) {
      return "it takes no arguments: send \"args\": {}.";
    }
    StringBuilder sb = new StringBuilder("its arguments are: ");
    for (int i = 0; i < tool.params().size(); i++) {
      ToolParam p = tool.params().get(i);
      sb.append(i == 0 ? "" : ", ").append(p.name()).append(" (").append(p.type().jsonType())
          .append(p.required() ? ", required" : ", optional").append(')');
    }
    return sb.append('.').toString();
  }

  private static String format() {
    return "Answer with exactly one JSON object such as {\"tool\": \"list_files\", \"args\": {\"path\": \".\"}} and nothing else.";
  }

  private static String quote(String s) {
    return "'" + s + "'";
  }

  private static Invalid invalid(Kind kind, String message) {
    return new Invalid(new InvalidCall(kind, message));
  }
}
