package dev.llmux.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import dev.llmux.engine.testing.TestModels;
import dev.llmux.router.RoutedBackend;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's {@code AiServices} over llmux on the tiny synthetic model (real llama.cpp): a tool
 * call and structured output, both constrained by JSON schemas (the model's text is noise, its
 * shape is not).
 */
final class AiServicesTest {

  private static LlamaBackend tiny;
  private static RoutedBackend routed;

  @BeforeAll
  static void load() {
    tiny = LlamaBackend.load(LocalModelSpec.builder("tiny", TestModels.tiny()).threads(2).contextSize(2048).build());
    routed = RoutedBackend.builder().name("primary").backend(tiny).policy("baseline.Always(tiny)").build();
  }

  @AfterAll
  static void close() {
    tiny.close();
  }

  /** Where a trip goes. */
  enum City { PARIS, ROME, OSLO }

  /** A structured answer. */
  record Trip(City city, int days, boolean guided) {}

  /** Structured output. */
  interface Planner {
    Trip plan(String request);
  }

  /** A tool-using assistant. */
  interface Assistant {
    String chat(String request);
  }

  /** The tool; records its calls. */
  static final class Weather {
    final List<City> calls = new CopyOnWriteArrayList<>();

    @Tool("The weather in a city")
    String weather(City city) {
      calls.add(city);
      return "sunny in " + city;
    }
  }

  @Test
  void aiService_structuredOutput_returnsARecordOfTheSchema() {
    Planner planner = AiServices.create(Planner.class,
        LlmuxChatModel.builder().backend(routed).temperature(0.7).maxTokens(120).build());
    Trip trip = planner.plan("Plan a trip.");
    assertNotNull(trip.city());
  }

  @Test
  void aiService_tool_isCalledThenTheModelAnswers() {
    Weather weather = new Weather();
    Assistant a = AiServices.builder(Assistant.class)
        .chatModel(LlmuxChatModel.builder().backend(tiny).temperature(0.7).maxTokens(60).build())
        .tools(weather).build();
    String answer = a.chat("What is the weather in Rome?");
    assertEquals(1, weather.calls.size(), "one tool call, then a text answer: " + weather.calls);
    assertNotNull(answer);
  }

  @Test
  void chatModel_usageAndFinishReasonMapped() {
    ChatResponse r = LlmuxChatModel.builder().backend(tiny).temperature(0.0).maxTokens(5).build()
        .chat(ChatRequest.builder().messages(UserMessage.from("Hello")).build());
    assertTrue(r.tokenUsage().inputTokenCount() > 3);
    int out = r.tokenUsage().outputTokenCount();
    assertTrue(r.finishReason() == FinishReason.LENGTH ? out == 5 : r.finishReason() == FinishReason.STOP && out <= 5,
        r.finishReason() + " " + out);
    assertEquals("tiny", r.metadata().modelName());
  }

  @Test
  void streamingModel_partialsMakeTheAnswer() throws Exception {
    StringBuilder partials = new StringBuilder();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    LlmuxChatModel.builder().backend(routed).temperature(0.0).maxTokens(12).buildStreaming()
        .chat(ChatRequest.builder().messages(UserMessage.from("Hello")).build(), new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            partials.append(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse r) {
            done.complete(r);
          }

          @Override
          public void onError(Throwable e) {
            done.completeExceptionally(e);
          }
        });
    ChatResponse r = done.get(2, TimeUnit.MINUTES);
    assertEquals(r.aiMessage().text(), partials.toString());
    assertFalse(partials.toString().isEmpty());
  }
}
