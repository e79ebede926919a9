package dev.llmux.langchain4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.llmux.engine.Message;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.ToolCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Maps LangChain4j requests to llmux requests and llmux responses back.
 *
 * <p>Tool specifications become a JSON-schema constraint on the answer, {@code {"name": TOOL,
 * "arguments": {...}}} (the tool's parameter schema when one tool is offered), plus a system message
 * listing the tools. A tool call is asked for when tools are offered and the conversation does not
 * end with a tool result (or when the tool choice is {@code REQUIRED}); after a tool result the model
 * answers in text, so an {@code AiServices} tool loop ends. Schemas are used in OpenAI's strict form
 * (every property required, no others).
 */
final class LlmuxMapper {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LlmuxMapper() {}

  /** What a LangChain4j request becomes: the llmux request and whether its answer is a tool call. */
  record Mapped(dev.llmux.engine.ChatRequest request, boolean toolCall) {}

  static Mapped toLlmux(ChatRequest request, ChatRequestParameters defaults) {
    ChatRequestParameters p = defaults.overrideWith(request.parameters());
    List<ChatMessage> messages = request.messages();
    List<ToolSpecification> tools = p.toolSpecifications() == null ? List.of() : p.toolSpecifications();
    boolean afterToolResult = !messages.isEmpty() && messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage;
    boolean toolCall = !tools.isEmpty() && (p.toolChoice() == ToolChoice.REQUIRED || !afterToolResult);

    dev.llmux.engine.ChatRequest.Builder b = dev.llmux.engine.ChatRequest.builder();
    List<Message> conversation = new ArrayList<>();
    if (toolCall) {
      conversation.add(Message.system(ToolCalls.prompt(tools(tools))));
    }
    for (ChatMessage m : messages) {
      conversation.add(message(m));
    }
    b.messages(conversation);
    if (p.temperature() != null) {
      b.temperature(p.temperature());
    }
    if (p.topP() != null) {
      b.topP(p.topP());
    }
    if (p.topK() != null) {
      b.topK(p.topK());
    }
    if (p.maxOutputTokens() != null) {
      b.maxTokens(p.maxOutputTokens());
    }
    if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
      b.stop(p.stopSequences().toArray(String[]::new));
    }
    if (toolCall) {
      b.jsonSchema(ToolCalls.schema(tools(tools)));
    } else if (p.responseFormat() != null && p.responseFormat().type() == ResponseFormatType.JSON) {
      ResponseFormat f = p.responseFormat();
      b.jsonSchema(f.jsonSchema() == null ? "{\"type\":\"object\"}" : schema(f.jsonSchema().rootElement()));
    }
    return new Mapped(b.build(), toolCall);
  }

  private static Message message(ChatMessage m) {
    if (m instanceof SystemMessage s) {
      return Message.system(s.text());
    }
    if (m instanceof UserMessage u) {
      StringBuilder text = new StringBuilder();
      for (Content c : u.contents()) {
        if (!(c instanceof TextContent t)) {
          throw new IllegalArgumentException("llmux takes text only; the user message holds " + c.type());
        }
        text.append(t.text());
      }
      return Message.user(text.toString());
    }
    if (m instanceof AiMessage a) {
      if (a.hasToolExecutionRequests()) {
        ToolExecutionRequest r = a.toolExecutionRequests().get(0);
        return Message.assistant(ToolCalls.format(r.name(), r.arguments()));
      }
      return Message.assistant(a.text() == null ? "" : a.text());
    }
    if (m instanceof ToolExecutionResultMessage t) {
      return Message.user("Result of tool " + t.toolName() + ": " + t.text());
    }
    throw new IllegalArgumentException("message type " + m.type() + " is not supported by llmux");
  }

  private static List<ToolCalls.Tool> tools(List<ToolSpecification> specs) {
    List<ToolCalls.Tool> tools = new ArrayList<>();
    for (ToolSpecification t : specs) {
      tools.add(new ToolCalls.Tool(t.name(), t.description(),
          t.parameters() == null ? null : JSON.valueToTree(JsonSchemaElementUtils.toMap(t.parameters(), true))));
    }
    return tools;
  }

  /**
   * A schema element as JSON Schema text, in OpenAI's strict form (every property required, no
   * others): a grammar then makes the model write every field a Java record or class needs.
   */
  private static String schema(dev.langchain4j.model.chat.request.json.JsonSchemaElement root) {
    return JSON.valueToTree(JsonSchemaElementUtils.toMap(root, true)).toString();
  }

  /** The LangChain4j response for an llmux answer. */
  static ChatResponse toLangChain4j(dev.llmux.engine.ChatResponse r, boolean toolCall) {
    AiMessage message = null;
    FinishReason reason = finishReason(r.stopReason());
    if (toolCall) {
      ToolCalls.Call call = ToolCalls.parse(r.text()).orElse(null);
      if (call != null) { // else not a whole call (cut at the token limit): answered as text below
        message = AiMessage.from(ToolExecutionRequest.builder().id("call_" + UUID.randomUUID()).name(call.name())
            .arguments(call.arguments()).build());
        reason = FinishReason.TOOL_EXECUTION;
      }
    }
    if (message == null) {
      message = AiMessage.from(r.text());
    }
    return ChatResponse.builder().aiMessage(message).modelName(r.backend())
        .tokenUsage(new TokenUsage(r.usage().promptTokens(), r.usage().completionTokens())).finishReason(reason).build();
  }

  private static FinishReason finishReason(StopReason r) {
    return switch (r) {
      case END, STOP_STRING -> FinishReason.STOP;
      case LENGTH -> FinishReason.LENGTH;
      case CANCELLED, DEADLINE -> FinishReason.OTHER;
    };
  }
}
