package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.Message;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.http.HttpBackendException.Kind;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Anthropic's Messages API against a loopback server: events, usage, JSON mode, error shapes. */
final class AnthropicWireTest {

  private final FakeProviderServer server = FakeProviderServer.start(WireFormat.ANTHROPIC_MESSAGES);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void chat_streamedEvents_deliverTextUsageAndSendTheRightRequest() {
    server.enqueue(Reply.text("Bon", "jour").usage(21, 2).finish("stop_sequence"));
    List<String> pieces = new ArrayList<>();
    ChatResponse r = TestSpecs.anthropic(server).chat(ChatRequest.builder().system("You are terse.").user("hello")
        .temperature(1.7).stop("END").maxTokens(64).build(), pieces::add);

    assertEquals(List.of("Bon", "jour"), pieces);
    assertEquals("Bonjour", r.text());
    assertEquals(StopReason.STOP_STRING, r.stopReason());
    assertEquals(21, r.usage().promptTokens());
    assertEquals(2, r.usage().completionTokens());

    FakeProviderServer.Recorded req = server.chatLog().get(0);
    assertEquals("/v1/messages", req.path());
    assertEquals(TestSpecs.KEY, req.header("x-api-key"));
    assertNull(req.header("authorization"));
    assertEquals(AnthropicCodec.API_VERSION, req.header("anthropic-version"));
    JsonNode body = req.json();
    assertEquals("You are terse.", body.path("system").asText());
    assertEquals(1, body.path("messages").size(), "the system message is not in messages");
    assertEquals(64, body.path("max_tokens").asInt());
    assertEquals(1.0, body.path("temperature").asDouble(), 1e-9, "capped at the API's maximum");
    assertEquals("END", body.path("stop_sequences").get(0).asText());
    assertFalse(body.has("top_p"));
    assertFalse(body.has("top_k"));
    assertTrue(body.path("stream").asBoolean());
  }

  @Test
  void chat_maxTokensStop_mapsToLength() {
    server.enqueue(Reply.text("a").finish("max_tokens"));
    assertEquals(StopReason.LENGTH, TestSpecs.anthropic(server).chat(ChatRequest.builder().user("x").build()).stopReason());
  }

  @Test
  void chat_jsonSchema_forcesTheToolAndStreamsItsInput() {
    server.enqueue(Reply.text("{\"answer\":", " 42}"));
    String schema = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"integer\"}},\"required\":[\"answer\"]}";
    ChatResponse r = TestSpecs.anthropic(server).chat(ChatRequest.builder().user("6*7?").jsonSchema(schema).build());
    assertEquals("{\"answer\": 42}", r.text());
    JsonNode body = server.chatLog().get(0).json();
    assertEquals(AnthropicCodec.TOOL, body.path("tools").get(0).path("name").asText());
    assertEquals("integer", body.path("tools").get(0).path("input_schema").path("properties").path("answer").path("type").asText());
    assertEquals("tool", body.path("tool_choice").path("type").asText());
    assertEquals(AnthropicCodec.TOOL, body.path("tool_choice").path("name").asText());
  }

  @Test
  void chat_jsonSchemaWithArrayRoot_isRejectedBeforeSending() {
    assertThrows(InvalidRequestException.class, () -> TestSpecs.anthropic(server)
        .chat(ChatRequest.builder().user("x").jsonSchema("{\"type\":\"array\"}").build()));
    assertEquals(0, server.chatRequests());
  }

  @Test
  void chat_trailingAssistantWithTrailingSpace_isSentStrippedAndTheContinuationIsNotDoubled() {
    server.enqueue(Reply.text(" world", "!"));
    ChatResponse r = TestSpecs.anthropic(server).chat(ChatRequest.builder().user("greet")
        .message(Message.assistant("Hello, ")).build());
    assertEquals("world!", r.text());
    assertEquals("assistant", server.chatLog().get(0).lastRole());
    assertEquals("Hello,", server.chatLog().get(0).lastMessage());
  }

  @Test
  void chat_529Overloaded_isRetried() {
    server.enqueue(Reply.status(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
        Reply.text("ok"));
    FaultRun r = FaultRun.of(TestSpecs.anthropic(server), server, ChatRequest.builder().user("x").build());
    System.out.println(r.describe("anthropic 529 overloaded_error"));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
  }

  @Test
  void chat_overloadedErrorEventAfter200_isRetried() {
    server.enqueue(Reply.text().errorEvent("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
        Reply.text("ok"));
    FaultRun r = FaultRun.of(TestSpecs.anthropic(server), server, ChatRequest.builder().user("x").build());
    System.out.println(r.describe("anthropic 200 then event: error overloaded_error"));
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
  }

  @Test
  void chat_errorEventAfterText_failsAsStreamErrorKeepingTheText() {
    server.enqueue(Reply.text("par", "tial").errorEvent("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal\"}}"));
    FaultRun r = FaultRun.of(TestSpecs.anthropic(server), server, ChatRequest.builder().user("x").build());
    System.out.println(r.describe("anthropic error event after text"));
    HttpBackendException e = r.failed(HttpBackendException.class);
    assertEquals(Kind.STREAM_ERROR, e.kind());
    assertTrue(e.getMessage().contains("api_error: Internal"), e.getMessage());
    assertEquals("partial", r.streamed());
  }

  @Test
  void chat_invalidRequestErrorShape_throwsInvalidRequestWithTheProviderMessage() {
    server.enqueue(Reply.status(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
        + "\"messages: roles must alternate\"}}"));
    FaultRun r = FaultRun.of(TestSpecs.anthropic(server), server, ChatRequest.builder().user("x").build());
    System.out.println(r.describe("anthropic 400 invalid_request_error"));
    assertTrue(r.failed(InvalidRequestException.class).getMessage().contains("roles must alternate"));
    assertEquals(1, r.attempts());
  }

  @Test
  void chat_truncatedBeforeMessageStop_isRetried() {
    server.enqueue(Reply.text().then(FakeProviderServer.Ending.EOF), Reply.text("ok"));
    FaultRun r = FaultRun.of(TestSpecs.anthropic(server), server, ChatRequest.builder().user("x").build());
    assertEquals("ok", r.ok().text());
    assertEquals(2, r.attempts());
  }
}
