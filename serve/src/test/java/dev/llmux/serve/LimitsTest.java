package dev.llmux.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.engine.ConfigException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request limits and refusals answer 400 (or 401/404/405) with OpenAI's error body; the bind rule. */
final class LimitsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ServedTiny served;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    served = new ServedTiny(4, "k-123");
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  private static HttpResponse<String> post(String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(served.server.baseUri().resolve("chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode error(HttpResponse<String> r, int status) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    JsonNode e = JSON.readTree(r.body()).get("error");
    assertTrue(e.get("message").asText().length() > 10, r.body());
    assertTrue(e.has("type") && e.has("code") && e.has("param"), r.body());
    return e;
  }

  @Test
  void post_limitsAndRefusals_give400WithTheOpenAiErrorShape() throws Exception {
    String huge = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(1 << 20) + "\"}]}";
    assertTrue(error(post(huge, "k-123"), 400).get("message").asText().contains("bytes"));
    StringBuilder many = new StringBuilder("{\"model\":\"tiny\",\"messages\":[");
    for (int i = 0; i < 300; i++) {
      many.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"hi\"}");
    }
    assertTrue(error(post(many + "]}", "k-123"), 400).get("message").asText().contains("300 messages"));
    JsonNode tokens = error(post("{\"model\":\"tiny\",\"max_tokens\":100000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        "k-123"), 400);
    assertEquals("max_tokens", tokens.get("param").asText());
    assertEquals("invalid_request_error", error(post("{\"model\":\"tiny\",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}",
        "k-123"), 400).get("type").asText());
    assertEquals("model_not_found", error(post("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        "k-123"), 404).get("code").asText());
    assertEquals("invalid_api_key", error(post("{}", null), 401).get("code").asText());
    assertEquals("invalid_api_key", error(post("{}", "k-12"), 401).get("code").asText());
    HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(served.server.baseUri().resolve("chat/completions"))
        .header("Authorization", "Bearer k-123").build(), HttpResponse.BodyHandlers.ofString());
    error(get, 405);
    assertEquals(200, HTTP.send(HttpRequest.newBuilder(served.server.baseUri().resolve("/health")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode(), "health needs no key");
  }

  @Test
  void start_publicAddressWithoutKey_isRefusedNamingTheWayOut() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> LlmuxServer.builder().host("0.0.0.0").port(0).model("tiny", served.model).start());
    assertTrue(e.getMessage().contains("--api-key") && e.getMessage().contains("--insecure"), e.getMessage());
    try (LlmuxServer s = LlmuxServer.builder().host("0.0.0.0").port(0).insecure(true).model("tiny", served.model).start()) {
      assertTrue(s.port() > 0);
    }
  }
}
