package dev.llmux.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.Message;
import dev.llmux.engine.ToolCalls;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI chat-completion request read into an llmux {@link ChatRequest}: messages, sampling,
 * limits, stop strings, {@code response_format} (a JSON schema or any JSON object) and tool
 * definitions (the answer is then constrained to one JSON tool call). Anything llmux cannot honour
 * ({@code n} other than 1, {@code logprobs}, an unknown role) is refused with a 400 naming the field.
 *
 * @param model the requested model id
 * @param stream whether to answer with server-sent events
 * @param includeUsage whether the stream ends with a usage chunk ({@code stream_options.include_usage})
 * @param tools the names of the tools offered, empty when the answer is plain text
 * @param request the llmux request
 */
record CompletionRequest(String model, boolean stream, boolean includeUsage, List<String> tools, ChatRequest request) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether the answer is a tool call. */
  boolean toolCall() {
    return !tools.isEmpty();
  }

  /** Reads {@code body} under {@code limits}; throws {@link ApiError} (400) naming the problem. */
  static CompletionRequest parse(byte[] body, Limits limits) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw ApiError.invalid(null, "the request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw ApiError.invalid(null, "the request body must be a JSON object");
    }
    String model = text(root, "model");
    if (model == null || model.isBlank()) {
      throw ApiError.invalid("model", "'model' is required: a catalog model, a role or 'auto' (see GET /v1/models)");
    }
    if (root.has("n") && root.get("n").asInt(-1) != 1) {
      throw ApiError.invalid("n", "'n' must be 1: llmux answers with one choice per request");
    }
    if (root.path("logprobs").asBoolean(false)) {
      throw ApiError.invalid("logprobs", "'logprobs' is not supported by llmux");
    }
    JsonNode messages = root.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw ApiError.invalid("messages", "'messages' must be a non-empty array");
    }
    if (messages.size() > limits.maxMessages()) {
      throw ApiError.invalid("messages", "the request has " + messages.size() + " messages; this server takes at most "
          + limits.maxMessages());
    }
    List<String> toolNames = new ArrayList<>();
    String toolSchema = null;
    String toolPrompt = null;
    JsonNode tools = root.get("tools");
    String toolChoice = root.path("tool_choice").isTextual() ? root.get("tool_choice").asText() : "auto";
    if (tools != null && tools.isArray() && !tools.isEmpty() && !toolChoice.equals("none")) {
      List<ToolCalls.Tool> offered = new ArrayList<>();
      for (int i = 0; i < tools.size(); i++) {
        JsonNode f = tools.get(i).path("function");
        String name = text(f, "name");
        if (name == null || name.isBlank()) {
          throw ApiError.invalid("tools[" + i + "].function.name", "every tool needs a function name");
        }
        toolNames.add(name);
        offered.add(new ToolCalls.Tool(name, text(f, "description"), f.get("parameters")));
      }
      toolSchema = ToolCalls.schema(offered);
      toolPrompt = ToolCalls.prompt(offered);
    }

    ChatRequest.Builder b = ChatRequest.builder();
    List<Message> conversation = new ArrayList<>();
    if (toolPrompt != null) {
      conversation.add(Message.system(toolPrompt));
    }
    for (int i = 0; i < messages.size(); i++) {
      conversation.add(message(messages.get(i), "messages[" + i + "]"));
    }
    b.messages(conversation);

    int maxTokens = limits.defaultMaxTokens();
    for (String key : List.of("max_completion_tokens", "max_tokens")) {
      if (root.hasNonNull(key)) {
        int n = root.get(key).asInt(-1);
        if (n < 1 || n > limits.maxTokens()) {
          throw ApiError.invalid(key, "'" + key + "' is " + root.get(key) + "; use a value from 1 to " + limits.maxTokens());
        }
        maxTokens = n;
        break;
      }
    }
    b.maxTokens(maxTokens);
    if (root.hasNonNull("temperature")) {
      b.temperature(number(root, "temperature"));
    }
    if (root.hasNonNull("top_p")) {
      b.topP(number(root, "top_p"));
    }
    if (root.hasNonNull("seed")) {
      b.seed(root.get("seed").asLong());
    }
    JsonNode stop = root.get("stop");
    if (stop != null && !stop.isNull()) {
      List<String> stops = new ArrayList<>();
      if (stop.isTextual()) {
        stops.add(stop.asText());
      } else if (stop.isArray()) {
        stop.forEach(s -> stops.add(s.asText()));
      } else {
        throw ApiError.invalid("stop", "'stop' must be a string or an array of strings");
      }
      b.stop(stops.toArray(String[]::new));
    }
    if (toolSchema != null) {
      b.jsonSchema(toolSchema);
    } else {
      JsonNode format = root.get("response_format");
      if (format != null && !format.isNull()) {
        String type = text(format, "type");
        if ("json_schema".equals(type)) {
          JsonNode schema = format.path("json_schema").get("schema");
          if (schema == null || !schema.isObject()) {
            throw ApiError.invalid("response_format.json_schema.schema", "a json_schema response format needs a schema object");
          }
          b.jsonSchema(schema.toString());
        } else if ("json_object".equals(type)) {
          b.jsonSchema("{\"type\":\"object\"}");
        } else if (!"text".equals(type)) {
          throw ApiError.invalid("response_format.type", "response_format type '" + type
              + "' is not supported; use text, json_object or json_schema");
        }
      }
    }
    boolean stream = root.path("stream").asBoolean(false);
    boolean usage = stream && root.path("stream_options").path("include_usage").asBoolean(false);
    try {
      return new CompletionRequest(model, stream, usage, List.copyOf(toolNames), b.build());
    } catch (InvalidRequestException e) {
      throw ApiError.invalid(null, e.getMessage());
    }
  }

  private static Message message(JsonNode m, String where) {
    String role = text(m, "role");
    if (role == null) {
      throw ApiError.invalid(where + ".role", "every message needs a role");
    }
    String content = content(m.get("content"), where);
    switch (role) {
      case "system", "developer":
        return Message.system(content);
      case "user":
        return Message.user(content);
      case "assistant":
        JsonNode calls = m.get("tool_calls");
        if (calls != null && calls.isArray() && !calls.isEmpty()) {
          JsonNode f = calls.get(0).path("function");
          return Message.assistant(ToolCalls.format(f.path("name").asText(), f.path("arguments").asText("{}")));
        }
        return Message.assistant(content);
      case "tool", "function":
        return Message.user("Tool result" + (m.hasNonNull("tool_call_id") ? " (" + m.get("tool_call_id").asText() + ")" : "")
            + ": " + content);
      default:
        throw ApiError.invalid(where + ".role", "role '" + role + "' is not known; use system, developer, user, assistant or tool");
    }
  }

  private static String content(JsonNode c, String where) {
    if (c == null || c.isNull()) {
      return "";
    }
    if (c.isTextual()) {
      return c.asText();
    }
    if (c.isArray()) {
      StringBuilder s = new StringBuilder();
      for (JsonNode part : c) {
        if (!"text".equals(part.path("type").asText())) {
          throw ApiError.invalid(where + ".content", "content part type '" + part.path("type").asText()
              + "' is not supported; llmux takes text parts only");
        }
        s.append(part.path("text").asText());
      }
      return s.toString();
    }
    throw ApiError.invalid(where + ".content", "content must be a string or an array of text parts");
  }

  private static double number(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (!n.isNumber()) {
      throw ApiError.invalid(key, "'" + key + "' must be a number");
    }
    return n.asDouble();
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
  }

  /**
   * What one request may ask for.
   *
   * @param maxBodyBytes the largest request body
   * @param maxMessages the most messages in a conversation
   * @param maxTokens the most tokens one answer may ask for
   * @param defaultMaxTokens the tokens an answer gets when the request names no limit
   */
  record Limits(int maxBodyBytes, int maxMessages, int maxTokens, int defaultMaxTokens) {}
}
