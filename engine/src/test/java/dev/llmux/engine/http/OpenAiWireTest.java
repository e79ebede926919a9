package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.Message;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible wire format against a loopback server: request fields, streaming, usage. */
final class OpenAiWireTest {

  private final FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void chat_streamedAnswer_deliversPiecesTextUsageAndRequestFields() {
    server.enqueue(Reply.text("Hel", "lo", " world").usage(12, 3));
    HttpBackend backend = TestSpecs.openai(server);
    List<String> pieces = new ArrayList<>();
    ChatResponse r = backend.chat(ChatRequest.builder().system("be brief").user("hi").maxTokens(20).temperature(0.2)
        .topP(0.9).seed(7).stop("\n\n").build(), pieces::add);

    assertEquals(List.of("Hel", "lo", " world"), pieces);
    assertEquals("Hello world", r.text());
    assertEquals(StopReason.END, r.stopReason());
    assertEquals(12, r.usage().promptTokens());
    assertEquals(3, r.usage().completionTokens());
    assertEquals("cloud", r.backend());
    assertEquals(List.of("cloud"), r.servedBy());
    assertTrue(r.timings().totalMillis() >= r.timings().timeToFirstTokenMillis());

    FakeProviderServer.Recorded req = server.chatLog().get(0);
    assertEquals("/v1/chat/completions", req.path());
    assertEquals("Bearer " + TestSpecs.KEY, req.header("authorization"));
    JsonNode body = req.json();
    assertEquals("fake-model", body.path("model").asText());
    assertTrue(body.path("stream").asBoolean());
    assertTrue(body.path("stream_options").path("include_usage").asBoolean());
    assertEquals(20, body.path("max_completion_tokens").asInt());
    assertEquals(0.2, body.path("temperature").asDouble(), 1e-9);
    assertEquals(0.9, body.path("top_p").asDouble(), 1e-9);
    assertEquals(7, body.path("seed").asLong());
    assertEquals("\n\n", body.path("stop").get(0).asText());
    assertFalse(body.has("top_k"), "OpenAI takes no top_k");
    assertEquals("system", body.path("messages").get(0).path("role").asText());
    assertEquals("hi", body.path("messages").get(1).path("content").asText());
  }

  @Test
  void chat_llamaServerPreset_sendsTopKIgnoreEosAndMaxTokens() {
    HttpBackend backend = HttpBackends.create(TestSpecs.builder("local", server, HttpPreset.LLAMA_SERVER).build());
    backend.chat(ChatRequest.builder().user("hi").topK(17).ignoreEos(true).maxTokens(5).build());
    JsonNode body = server.chatLog().get(0).json();
    assertEquals(17, body.path("top_k").asInt());
    assertTrue(body.path("ignore_eos").asBoolean());
    assertEquals(5, body.path("max_tokens").asInt());
  }

  @Test
  void chat_jsonSchema_sendsResponseFormatWithSchemaAndStrict() {
    server.enqueue(Reply.text("{\"a\":", "1}"));
    HttpBackend backend = TestSpecs.openai(server);
    String schema = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"a\"],"
        + "\"additionalProperties\":false}";
    ChatResponse r = backend.chat(ChatRequest.builder().user("give a").jsonSchema(schema).build());
    assertEquals("{\"a\":1}", r.text());
    JsonNode rf = server.chatLog().get(0).json().path("response_format");
    assertEquals("json_schema", rf.path("type").asText());
    assertEquals("response", rf.path("json_schema").path("name").asText());
    assertEquals("integer", rf.path("json_schema").path("schema").path("properties").path("a").path("type").asText());
    assertTrue(rf.path("json_schema").path("strict").asBoolean());
  }

  @Test
  void chat_schemaNotJson_throwsInvalidRequestWithoutSending() {
    HttpBackend backend = TestSpecs.openai(server);
    assertThrows(InvalidRequestException.class,
        () -> backend.chat(ChatRequest.builder().user("x").jsonSchema("not json").build()));
    assertEquals(0, server.chatRequests());
  }

  @Test
  void chat_rawPrompt_isSentAsOneUserMessage() {
    HttpBackend backend = TestSpecs.openai(server);
    backend.chat(ChatRequest.builder().rawPrompt("Once upon a time").build());
    JsonNode messages = server.chatLog().get(0).json().path("messages");
    assertEquals(1, messages.size());
    assertEquals("user", messages.get(0).path("role").asText());
    assertEquals("Once upon a time", messages.get(0).path("content").asText());
  }

  @Test
  void chat_trailingAssistantOnOpenAi_addsContinueNudge() {
    HttpBackend backend = TestSpecs.openai(server);
    backend.chat(ChatRequest.builder().user("count").message(Message.assistant("1 2 3")).build());
    assertEquals("user", server.chatLog().get(0).lastRole());
    assertEquals(OpenAiCodec.CONTINUE_NUDGE, server.chatLog().get(0).lastMessage());
  }

  @Test
  void chat_trailingAssistantOnVllm_asksToContinueFinalMessage() {
    HttpBackend backend = HttpBackends.create(TestSpecs.builder("vllm", server, HttpPreset.VLLM).build());
    backend.chat(ChatRequest.builder().user("count").message(Message.assistant("1 2 3")).build());
    JsonNode body = server.chatLog().get(0).json();
    assertEquals("assistant", server.chatLog().get(0).lastRole());
    assertTrue(body.path("continue_final_message").asBoolean());
    assertFalse(body.path("add_generation_prompt").asBoolean(true));
  }

  @Test
  void chat_lengthFinish_mapsToLength() {
    server.enqueue(Reply.text("a", "b").finish("length"));
    assertEquals(StopReason.LENGTH, TestSpecs.openai(server).chat(ChatRequest.builder().user("x").build()).stopReason());
  }

  @Test
  void chat_serverAnswersWholeJsonInsteadOfStream_readsTheCompletion() {
    server.enqueue(Reply.json("{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":\"whole answer\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2}}"));
    List<String> pieces = new ArrayList<>();
    ChatResponse r = TestSpecs.openai(server).chat(ChatRequest.builder().user("x").build(), pieces::add);
    assertEquals("whole answer", r.text());
    assertEquals(List.of("whole answer"), pieces);
    assertEquals(2, r.usage().completionTokens());
  }

  @Test
  void chat_noUsageInStream_countsPiecesAsCompletionTokens() {
    server.enqueue(Reply.raw(
        "data: {\"id\":\"1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}", "",
        ": keep-alive comment", "",
        "data: {\"id\":\"1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}]}", "",
        "data: [DONE]", ""));
    ChatResponse r = TestSpecs.openai(server).chat(ChatRequest.builder().user("x").build());
    assertEquals("ab", r.text());
    assertEquals(2, r.usage().completionTokens());
    assertEquals(0, r.usage().promptTokens());
  }

  @Test
  void stats_afterAnswers_countsCompletedAndIsAvailable() {
    HttpBackend backend = TestSpecs.openai(server);
    backend.chat(ChatRequest.builder().user("x").build());
    backend.chat(ChatRequest.builder().user("y").build());
    BackendStats s = backend.stats();
    assertEquals(2, s.completed());
    assertEquals(0, s.inFlight());
    assertEquals(BackendStats.Availability.AVAILABLE, s.availability());
  }

  @Test
  void close_thenChat_failsAsUnavailable() {
    HttpBackend backend = TestSpecs.openai(server);
    backend.close();
    assertThrows(dev.llmux.engine.BackendUnavailableException.class,
        () -> backend.chat(ChatRequest.builder().user("x").build()));
    assertEquals(BackendStats.Availability.UNAVAILABLE, backend.stats().availability());
  }
}
