package dev.llmux.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.Message;
import dev.llmux.engine.Role;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Usage;
import dev.llmux.engine.http.HttpBackendException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Anthropic's Messages API. System messages go to the top-level {@code system} field; a trailing
 * assistant message is a prefill the model continues (trailing white space removed, which the API
 * demands); temperature is capped at 1 (the API's range); {@code top_p} and {@code top_k} are not
 * sent (newer models reject {@code top_p} together with {@code temperature}).
 *
 * <p>JSON mode: the API has none, so a JSON-schema request forces a tool call. The schema becomes
 * the input schema of one tool, {@value #TOOL}, and {@code tool_choice} names it; the tool's input
 * arrives as {@code input_json_delta} events whose text is streamed as the answer. The schema's
 * root must be an object (the API's rule for input schemas).
 */
final class AnthropicCodec implements WireCodec {

  /** The name of the tool a JSON-schema request forces. */
  static final String TOOL = "respond";

  /** The API version sent in {@code anthropic-version}. */
  static final String API_VERSION = "2023-06-01";

  private final HttpBackendSpec spec;
  private final Redactor redactor;

  AnthropicCodec(HttpBackendSpec spec, Redactor redactor) {
    this.spec = spec;
    this.redactor = redactor;
  }

  @Override
  public String requestBody(ChatRequest request) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("model", spec.model());
    root.put("max_tokens", request.maxTokens());
    List<Message> conversation =
        request.rawPrompt() != null ? List.of(Message.user(request.rawPrompt())) : request.messages();
    List<String> system = new ArrayList<>();
    ArrayNode messages = root.putArray("messages");
    for (int i = 0; i < conversation.size(); i++) {
      Message m = conversation.get(i);
      if (m.role() == Role.SYSTEM) {
        system.add(m.content());
        continue;
      }
      String content = m.content();
      if (i == conversation.size() - 1 && m.role() == Role.ASSISTANT) {
        content = content.stripTrailing();
        if (content.isEmpty()) {
          continue;
        }
      }
      messages.addObject().put("role", m.role().wireName()).put("content", content);
    }
    if (!system.isEmpty()) {
      root.put("system", String.join("\n\n", system));
    }
    root.put("stream", true);
    root.put("temperature", Math.min(1.0, request.temperature()));
    if (!request.stop().isEmpty()) {
      ArrayNode stop = root.putArray("stop_sequences");
      request.stop().forEach(stop::add);
    }
    if (request.jsonSchema() != null) {
      JsonNode schema = OpenAiCodec.parseSchema(request.jsonSchema());
      if (!"object".equals(schema.path("type").asText(""))) {
        throw new InvalidRequestException("backend '" + spec.name() + "' (Anthropic) takes JSON schemas whose root is"
            + " {\"type\":\"object\"} only: wrap the value in an object property");
      }
      ObjectNode tool = root.putArray("tools").addObject();
      tool.put("name", TOOL);
      tool.put("description", "Give your answer as JSON that matches this schema.");
      tool.set("input_schema", schema);
      root.putObject("tool_choice").put("type", "tool").put("name", TOOL);
    }
    return Json.write(root);
  }

  @Override
  public Decoder decoder(ChatRequest request) {
    List<Message> m = request.messages();
    boolean strippedPrefill = !m.isEmpty() && m.get(m.size() - 1).role() == Role.ASSISTANT
        && !m.get(m.size() - 1).content().equals(m.get(m.size() - 1).content().stripTrailing());
    return new AnthropicDecoder(strippedPrefill);
  }

  private final class AnthropicDecoder implements Decoder {
    private boolean stopped;
    private boolean finished;
    private StopReason stop = StopReason.END;
    private int input = -1;
    private int output = -1;
    private boolean trimLeading;

    AnthropicDecoder(boolean strippedPrefill) {
      this.trimLeading = strippedPrefill;
    }

    @Override
    public void onEvent(SseParser.Event event, Consumer<String> text) throws AttemptFailure {
      JsonNode n = Json.tryParse(event.data());
      if (n == null || !n.isObject()) {
        throw malformed(event.data());
      }
      String type = n.path("type").asText(event.type());
      switch (type) {
        case "message_start" -> usage(n.path("message").path("usage"));
        case "content_block_start" -> {
          JsonNode block = n.path("content_block");
          if ("text".equals(block.path("type").asText())) {
            emit(block.path("text"), text);
          }
        }
        case "content_block_delta" -> {
          JsonNode d = n.path("delta");
          switch (d.path("type").asText("")) {
            case "text_delta" -> emit(d.path("text"), text);
            case "input_json_delta" -> emit(d.path("partial_json"), text);
            default -> { }
          }
        }
        case "message_delta" -> {
          JsonNode sr = n.path("delta").path("stop_reason");
          if (sr.isTextual()) {
            finished = true;
            stop = stopReason(sr.asText());
          }
          usage(n.path("usage"));
        }
        case "message_stop" -> stopped = true;
        case "error" -> throw Classifier.fromStreamError(ProviderError.from(n, redactor));
        default -> { }
      }
    }

    @Override
    public void onBody(String body, Consumer<String> text) throws AttemptFailure {
      JsonNode n = Json.tryParse(body);
      if (n == null || !n.isObject()) {
        throw malformed(body);
      }
      if ("error".equals(n.path("type").asText())) {
        throw Classifier.fromStreamError(ProviderError.from(n, redactor));
      }
      StringBuilder sb = new StringBuilder();
      for (JsonNode block : n.path("content")) {
        switch (block.path("type").asText("")) {
          case "text" -> sb.append(block.path("text").asText(""));
          case "tool_use" -> sb.append(Json.write(block.path("input")));
          default -> { }
        }
      }
      if (sb.length() > 0) {
        text.accept(sb.toString());
      }
      if (n.path("stop_reason").isTextual()) {
        stop = stopReason(n.path("stop_reason").asText());
      }
      usage(n.path("usage"));
      stopped = true;
    }

    /**
     * Passes text on. When the prefill lost trailing white space (the caller has already seen it),
     * the white space the model starts its continuation with is dropped once, so it is not doubled.
     */
    private void emit(JsonNode t, Consumer<String> text) {
      String s = t.isTextual() ? t.asText() : "";
      if (trimLeading && !s.isEmpty()) {
        s = s.stripLeading();
        trimLeading = s.isEmpty();
      }
      if (!s.isEmpty()) {
        text.accept(s);
      }
    }

    private void usage(JsonNode u) {
      if (!u.isObject()) {
        return;
      }
      if (u.has("input_tokens")) {
        input = u.path("input_tokens").asInt(0) + u.path("cache_creation_input_tokens").asInt(0)
            + u.path("cache_read_input_tokens").asInt(0);
      }
      if (u.has("output_tokens")) {
        output = u.path("output_tokens").asInt(0);
      }
    }

    private StopReason stopReason(String s) {
      return switch (s) {
        case "max_tokens" -> StopReason.LENGTH;
        case "stop_sequence" -> StopReason.STOP_STRING;
        default -> StopReason.END;
      };
    }

    private AttemptFailure malformed(String data) {
      return new AttemptFailure(Kind.BROKEN_STREAM, true,
          "malformed stream: an event's data is not a JSON object: '" + SseParser.clip(redactor.redact(data)) + "'");
    }

    @Override
    public boolean complete() {
      return stopped || finished;
    }

    @Override
    public StopReason stopReason() {
      return stop;
    }

    @Override
    public Usage usage() {
      return input < 0 && output < 0 ? null : new Usage(Math.max(0, input), Math.max(0, output));
    }
  }
}
