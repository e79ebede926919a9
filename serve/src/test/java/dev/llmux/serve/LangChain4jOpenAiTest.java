package dev.llmux.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LangChain4j's OpenAI module (dev.langchain4j:langchain4j-open-ai) against llmux serve on the tiny model. */
final class LangChain4jOpenAiTest {

  private static final String KEY = "lc4j-test-key";
  private static ServedTiny served;

  @BeforeAll
  static void start() {
    served = new ServedTiny(16, KEY);
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  private static OpenAiChatModel model(String name, int maxTokens) {
    return OpenAiChatModel.builder().baseUrl(served.server.baseUri().toString()).apiKey(KEY).modelName(name)
        .maxTokens(maxTokens).temperature(0.0).seed(3).maxRetries(0).build();
  }

  @Test
  void chat_plain_givesTextUsageAndFinishReason() {
    ChatResponse r = model("tiny", 10).chat(ChatRequest.builder().messages(UserMessage.from("Hello")).build());
    assertFalse(r.aiMessage().text().isEmpty());
    int out = r.tokenUsage().outputTokenCount();
    assertTrue(out >= 1 && out <= 10, "output tokens " + out);
    assertTrue(r.finishReason() == FinishReason.LENGTH ? out == 10 : r.finishReason() == FinishReason.STOP,
        r.finishReason() + " after " + out);
  }

  @Test
  void streaming_partialsMakeTheCompleteAnswer() throws Exception {
    OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder().baseUrl(served.server.baseUri().toString())
        .apiKey(KEY).modelName("auto").maxTokens(12).temperature(0.0).build();
    StringBuilder partials = new StringBuilder();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streaming.chat(ChatRequest.builder().messages(UserMessage.from("Hello")).build(), new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        partials.append(partial);
      }

      @Override
      public void onCompleteResponse(ChatResponse complete) {
        done.complete(complete);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    ChatResponse r = done.get(2, TimeUnit.MINUTES);
    assertEquals(r.aiMessage().text(), partials.toString());
    assertFalse(partials.toString().isEmpty());
  }

  @Test
  void chat_jsonSchema_answersThatShape() throws Exception {
    JsonSchema schema = JsonSchema.builder().name("trip").rootElement(JsonObjectSchema.builder()
        .addEnumProperty("city", List.of("Paris", "Rome", "Oslo")).addIntegerProperty("days").required("city", "days")
        .additionalProperties(false).build()).build();
    ChatResponse r = model("tiny", 100).chat(ChatRequest.builder().messages(UserMessage.from("Plan a trip."))
        .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build()).build());
    JsonNode trip = new ObjectMapper().readTree(r.aiMessage().text());
    assertTrue(List.of("Paris", "Rome", "Oslo").contains(trip.get("city").asText()), trip.toString());
    assertTrue(trip.get("days").isIntegralNumber(), trip.toString());
  }

  @Test
  void chat_unknownModel_failsNamingIt() {
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> model("no-such-model", 4).chat(ChatRequest.builder().messages(UserMessage.from("Hello")).build()));
    assertTrue(e.getMessage().contains("no-such-model"), e.getClass() + ": " + e.getMessage());
  }
}
