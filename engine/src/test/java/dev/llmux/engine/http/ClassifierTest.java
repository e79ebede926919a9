package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.http.HttpBackendException.Kind;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which answers are retried, and how provider error bodies are read. */
final class ClassifierTest {

  private final Redactor redactor = new Redactor(HttpBackendSpec.builder("b", HttpPreset.OPENAI, "m")
      .apiKey(Secret.of(TestSpecs.KEY)).build());

  private AttemptFailure classify(int status, String body, Map<String, List<String>> headers) {
    return Classifier.fromStatus(status, HttpHeaders.of(headers, (k, v) -> true), ProviderError.parse(body, redactor),
        Instant.now());
  }

  private AttemptFailure classify(int status, String body) {
    return classify(status, body, Map.of());
  }

  @Test
  void fromStatus_retryableStatuses_areRetryable() {
    for (int s : new int[] {408, 409, 429, 500, 502, 503, 504, 529}) {
      assertTrue(classify(s, "").retryable, "HTTP " + s);
    }
  }

  @Test
  void fromStatus_clientErrors_areNotRetryable() {
    for (int s : new int[] {400, 401, 403, 404, 422}) {
      assertFalse(classify(s, "").retryable, "HTTP " + s);
    }
  }

  @Test
  void fromStatus_quotaBodies_areQuotaExhaustedEvenWithShouldRetry() {
    AttemptFailure openAi = classify(429, "{\"error\":{\"type\":\"insufficient_quota\",\"message\":\"x\"}}",
        Map.of("x-should-retry", List.of("true")));
    assertEquals(Kind.QUOTA_EXHAUSTED, openAi.kind);
    assertFalse(openAi.retryable);
    assertEquals(Kind.QUOTA_EXHAUSTED, classify(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"message\":\"Your credit balance is too low to access the Anthropic API.\"}}").kind);
    assertEquals(Kind.QUOTA_EXHAUSTED, classify(402, "{\"error\":{\"message\":\"Insufficient credits\"}}").kind);
    assertEquals(Kind.RATE_LIMITED, classify(429, "{\"error\":{\"message\":\"Rate limit reached\"}}").kind);
  }

  @Test
  void parse_errorShapes_readTypeAndMessage() {
    assertEquals("overloaded_error: Overloaded",
        ProviderError.parse("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
            redactor).describe());
    assertEquals("model not loaded", ProviderError.parse("{\"error\":\"model not loaded\"}", redactor).describe());
    assertEquals("BadRequestError/400: bad", ProviderError.parse("{\"object\":\"error\",\"message\":\"bad\",\"type\":"
        + "\"BadRequestError\",\"code\":400}", redactor).describe());
    assertEquals("Bad Gateway", ProviderError.parse("Bad\n  Gateway", redactor).describe());
  }

  @Test
  void parse_bodyEchoingTheKey_isRedacted() {
    String d = ProviderError.parse("{\"error\":{\"message\":\"bad key " + TestSpecs.KEY + "\"}}", redactor).describe();
    assertFalse(d.contains(TestSpecs.KEY), d);
    assertTrue(d.contains("***"), d);
  }

  @Test
  void fromStreamError_overloadedIsRetryableAndInvalidRequestIsNot() {
    assertTrue(Classifier.fromStreamError(new ProviderError("overloaded_error", "", "Overloaded")).retryable);
    AttemptFailure bad = Classifier.fromStreamError(new ProviderError("invalid_request_error", "", "too long"));
    assertEquals(Kind.BAD_REQUEST, bad.kind);
    assertFalse(bad.retryable);
  }
}
