package dev.llmux.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK (com.openai:openai-java) against llmux serve on the tiny model. */
final class OpenAiSdkTest {

  private static final String KEY = "test-key-not-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ServedTiny served;
  private static OpenAIClient client;

  @BeforeAll
  static void start() {
    served = new ServedTiny(16, KEY);
    client = OpenAIOkHttpClient.builder().baseUrl(served.server.baseUri().toString()).apiKey(KEY).maxRetries(0).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    served.close();
  }

  private static ChatCompletionCreateParams.Builder ask(String model, int tokens) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say something about routers.")
        .maxCompletionTokens(tokens).temperature(0.0).seed(7);
  }

  @Test
  void create_plain_returnsTextUsageAndFinishReason() {
    ChatCompletion c = client.chat().completions().create(ask("tiny", 12).build());
    assertEquals(1, c.choices().size());
    ChatCompletion.Choice choice = c.choices().get(0);
    String text = choice.message().content().orElseThrow();
    long completion = c.usage().orElseThrow().completionTokens();
    assertTrue(completion >= 1 && completion <= 12, "completion tokens " + completion);
    assertTrue(c.usage().orElseThrow().promptTokens() > 5);
    String reason = choice.finishReason().asString();
    assertTrue(reason.equals("length") ? completion == 12 : reason.equals("stop"), reason + " after " + completion);
    assertEquals("tiny", c.model());
    assertFalse(text.isEmpty() && reason.equals("length"), "a cut answer has text");
  }

  @Test
  void createStreaming_withUsage_deliversTheSameTextAsTheWholeAnswer() {
    String whole = client.chat().completions().create(ask("tiny", 16).build()).choices().get(0).message().content()
        .orElseThrow();
    StringBuilder streamed = new StringBuilder();
    List<String> reasons = new ArrayList<>();
    long[] usage = {-1};
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
        ask("tiny", 16).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      s.stream().forEach(chunk -> {
        chunk.choices().forEach(ch -> {
          ch.delta().content().ifPresent(streamed::append);
          ch.finishReason().ifPresent(r -> reasons.add(r.asString()));
        });
        chunk.usage().ifPresent(u -> usage[0] = u.completionTokens());
      });
    }
    assertEquals(whole, streamed.toString(), "greedy with one seed: the stream spells the same answer");
    assertEquals(1, reasons.size(), "one finish reason: " + reasons);
    assertTrue(usage[0] >= 1 && usage[0] <= 16, "usage chunk: " + usage[0]);
  }

  @Test
  void create_jsonSchema_answersJsonOfThatShape() throws Exception {
    Map<String, Object> schema = Map.of("type", "object",
        "properties", Map.of("city", Map.of("type", "string", "maxLength", 12), "days", Map.of("type", "integer")),
        "required", List.of("city", "days"), "additionalProperties", false);
    ResponseFormatJsonSchema.JsonSchema.Schema.Builder sb = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
    schema.forEach((k, v) -> sb.putAdditionalProperty(k, JsonValue.from(v)));
    ChatCompletion c = client.chat().completions().create(ask("auto", 80).responseFormat(ResponseFormatJsonSchema.builder()
        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder().name("trip").schema(sb.build()).build()).build()).build());
    JsonNode answer = JSON.readTree(c.choices().get(0).message().content().orElseThrow());
    assertTrue(answer.get("city").isTextual(), answer.toString());
    assertTrue(answer.get("days").isIntegralNumber(), answer.toString());
    assertEquals(2, answer.size(), answer.toString());
  }

  @Test
  void create_tool_answersWithAToolCallOfThatFunction() throws Exception {
    FunctionParameters params = FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string", "maxLength", 10))))
        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
        .putAdditionalProperty("additionalProperties", JsonValue.from(false)).build();
    ChatCompletion c = client.chat().completions().create(ask("tiny", 300).addTool(ChatCompletionFunctionTool.builder()
        .function(FunctionDefinition.builder().name("weather").description("Weather in a city").parameters(params).build())
        .build()).build());
    ChatCompletion.Choice choice = c.choices().get(0);
    assertEquals("tool_calls", choice.finishReason().asString());
    ChatCompletionMessageToolCall call = choice.message().toolCalls().orElseThrow().get(0);
    assertEquals("weather", call.asFunction().function().name());
    JsonNode args = JSON.readTree(call.asFunction().function().arguments());
    assertTrue(args.get("city").isTextual(), args.toString());
  }

  @Test
  void create_unknownModel_isNotFoundNamingTheModels() {
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> client.chat().completions().create(ask("no-such-model", 4).build()));
    assertEquals(404, e.statusCode());
    assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
  }

  @Test
  void create_twoChoices_isRefusedAsBadRequest() {
    BadRequestException e = assertThrows(BadRequestException.class,
        () -> client.chat().completions().create(ask("tiny", 4).n(2).build()));
    assertTrue(e.getMessage().contains("'n' must be 1"), e.getMessage());
  }

  @Test
  void create_wrongKey_isUnauthorized() {
    OpenAIClient wrong = OpenAIOkHttpClient.builder().baseUrl(served.server.baseUri().toString()).apiKey("nope")
        .maxRetries(0).build();
    try {
      assertThrows(UnauthorizedException.class, () -> wrong.chat().completions().create(ask("tiny", 4).build()));
    } finally {
      wrong.close();
    }
  }

  @Test
  void models_list_namesTheServedModels() {
    List<String> ids = new ArrayList<>();
    client.models().list().autoPager().forEach(m -> ids.add(m.id()));
    assertEquals(List.of("tiny", "auto"), ids);
  }
}
