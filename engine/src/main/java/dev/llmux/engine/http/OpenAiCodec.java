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
import java.util.List;
import java.util.function.Consumer;

/**
 * OpenAI-compatible chat completions: {@code stream: true} with {@code stream_options.include_usage},
 * JSON mode as {@code response_format: {type: json_schema, json_schema: {name, schema, strict}}}, a
 * raw prompt as one user message, and a trailing assistant message continued as the preset says.
 */
final class OpenAiCodec implements WireCodec {

  /** Sent after a trailing assistant message to servers that would otherwise start a new answer. */
  static final String CONTINUE_NUDGE =
      "Continue your previous message exactly where it stopped. Do not repeat any of it and do not comment.";

  private final HttpBackendSpec spec;
  private final Redactor redactor;

  OpenAiCodec(HttpBackendSpec spec, Redactor redactor) {
    this.spec = spec;
    this.redactor = redactor;
  }

  @Override
  public String requestBody(ChatRequest request) {
    HttpPreset preset = spec.preset();
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("model", spec.model());
    ArrayNode messages = root.putArray("messages");
    List<Message> conversation =
        request.rawPrompt() != null ? List.of(Message.user(request.rawPrompt())) : request.messages();
    for (Message m : conversation) {
      messages.addObject().put("role", m.role().wireName()).put("content", m.content());
    }
    boolean trailingAssistant = conversation.get(conversation.size() - 1).role() == Role.ASSISTANT;
    if (trailingAssistant) {
      switch (preset.continuation()) {
        case NUDGE -> messages.addObject().put("role", "user").put("content", CONTINUE_NUDGE);
        case VLLM_FLAGS -> root.put("continue_final_message", true).put("add_generation_prompt", false);
        case PREFILL -> { }
      }
    }
    root.put("stream", true);
    root.putObject("stream_options").put("include_usage", true);
    root.put(preset.usesMaxCompletionTokens() ? "max_completion_tokens" : "max_tokens", request.maxTokens());
    root.put("temperature", request.temperature());
    root.put("top_p", request.topP());
    if (preset.sendsTopK() && request.topK() > 0) {
      root.put("top_k", request.topK());
    }
    root.put("seed", request.seed());
    if (!request.stop().isEmpty()) {
      ArrayNode stop = root.putArray("stop");
      request.stop().forEach(stop::add);
    }
    if (request.ignoreEos() && preset.sendsIgnoreEos()) {
      root.put("ignore_eos", true);
    }
    if (request.jsonSchema() != null) {
      ObjectNode js = root.putObject("response_format").put("type", "json_schema").putObject("json_schema");
      js.put("name", "response");
      js.set("schema", parseSchema(request.jsonSchema()));
      js.put("strict", spec.strictJsonSchema());
    }
    return Json.write(root);
  }

  static JsonNode parseSchema(String schema) {
    JsonNode node = Json.tryParse(schema);
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException("jsonSchema is not a JSON object: give a JSON Schema such as {\"type\":\"object\",...}");
    }
    return node;
  }

  @Override
  public Decoder decoder(ChatRequest request) {
    return new OpenAiDecoder();
  }

  private final class OpenAiDecoder implements Decoder {
    private boolean done;
    private boolean finished;
    private StopReason stop = StopReason.END;
    private Usage usage;

    @Override
    public void onEvent(SseParser.Event event, Consumer<String> text) throws AttemptFailure {
      String data = event.data().strip();
      if ("error".equals(event.type())) {
        // llama.cpp's server: {"code":400,"message":...,"type":"invalid_request_error"}, unwrapped
        JsonNode n = Json.tryParse(data);
        JsonNode root = n != null && n.isObject() && !n.has("error")
            ? Json.MAPPER.createObjectNode().set("error", n) : n;
        ProviderError error = root != null && root.isObject() ? ProviderError.from(root, redactor)
            : ProviderError.from(Json.MAPPER.createObjectNode().put("error", data), redactor);
        throw Classifier.fromStreamError(error);
      }
      if (data.equals("[DONE]")) {
        done = true;
        return;
      }
      if (data.isEmpty()) {
        return;
      }
      JsonNode n = Json.tryParse(data);
      if (n == null || !n.isObject()) {
        throw malformed(data);
      }
      onChunk(n, text, false);
    }

    @Override
    public void onBody(String body, Consumer<String> text) throws AttemptFailure {
      JsonNode n = Json.tryParse(body);
      if (n == null || !n.isObject()) {
        throw malformed(body);
      }
      onChunk(n, text, true);
      done = true;
    }

    private void onChunk(JsonNode n, Consumer<String> text, boolean whole) throws AttemptFailure {
      if (n.has("error") && !n.get("error").isNull()) {
        throw Classifier.fromStreamError(ProviderError.from(n, redactor));
      }
      JsonNode choices = n.path("choices");
      if (choices.isArray() && choices.size() > 0) {
        JsonNode c = choices.get(0);
        JsonNode content = whole ? c.path("message").path("content") : c.path("delta").path("content");
        if (content.isTextual() && !content.asText().isEmpty()) {
          text.accept(content.asText());
        }
        JsonNode fr = c.get("finish_reason");
        if (fr != null && fr.isTextual()) {
          finished = true;
          switch (fr.asText()) {
            case "length" -> stop = StopReason.LENGTH;
            case "error" -> throw new AttemptFailure(Kind.STREAM_ERROR, true,
                "the stream ended with finish_reason \"error\" after HTTP 200");
            default -> stop = StopReason.END;
          }
        }
      } else if (!n.has("usage") && !n.has("id") && !n.has("object")) {
        throw malformed(Json.write(n));
      }
      JsonNode u = n.get("usage");
      if (u != null && u.isObject()) {
        usage = new Usage(u.path("prompt_tokens").asInt(0), u.path("completion_tokens").asInt(0));
      }
    }

    private AttemptFailure malformed(String data) {
      return new AttemptFailure(Kind.BROKEN_STREAM, true,
          "malformed stream: a chunk is not a JSON object: '" + SseParser.clip(redactor.redact(data)) + "'");
    }

    @Override
    public boolean complete() {
      return done || finished;
    }

    @Override
    public StopReason stopReason() {
      return stop;
    }

    @Override
    public Usage usage() {
      return usage;
    }
  }
}
