package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading {@code Retry-After} and {@code retry-after-ms}. */
final class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  private static HttpHeaders headers(Map<String, List<String>> map) {
    return HttpHeaders.of(map, (k, v) -> true);
  }

  @Test
  void parse_seconds_readsSeconds() {
    assertEquals(Duration.ofSeconds(120), RetryAfter.parse("120", NOW));
    assertEquals(Duration.ofMillis(1500), RetryAfter.parse("1.5", NOW));
  }

  @Test
  void parse_httpDate_readsTheWaitUntilThen() {
    assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", NOW));
  }

  @Test
  void parse_dateInThePast_isZero() {
    assertEquals(Duration.ZERO, RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW));
  }

  @Test
  void parse_garbageOrNegative_isNull() {
    assertNull(RetryAfter.parse("soon", NOW));
    assertNull(RetryAfter.parse("-3", NOW));
  }

  @Test
  void parse_headersWithRetryAfterMs_preferMilliseconds() {
    HttpHeaders h = headers(Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("9")));
    assertEquals(Duration.ofMillis(250), RetryAfter.parse(h, NOW));
  }

  @Test
  void parse_headersWithoutEither_isNull() {
    assertNull(RetryAfter.parse(headers(Map.of("x", List.of("1"))), NOW));
  }
}
