package dev.llmux.engine.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a server asks the client to wait: {@code retry-after-ms} (OpenAI), then
 * {@code Retry-After} as seconds or as an HTTP-date (RFC 9110).
 */
final class RetryAfter {

  private RetryAfter() {}

  /** The wait the headers ask for, or {@code null} when they ask for none (or say it unreadably). */
  static Duration parse(HttpHeaders headers, Instant now) {
    Optional<String> ms = headers.firstValue("retry-after-ms");
    if (ms.isPresent()) {
      Duration d = seconds(ms.get(), 1e-3);
      if (d != null) {
        return d;
      }
    }
    Optional<String> ra = headers.firstValue("retry-after");
    return ra.isPresent() ? parse(ra.get(), now) : null;
  }

  /** Reads one {@code Retry-After} value: seconds (decimals accepted) or an HTTP-date. */
  static Duration parse(String value, Instant now) {
    String v = value.strip();
    Duration d = seconds(v, 1);
    if (d != null) {
      return d;
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration seconds(String v, double unit) {
    try {
      double s = Double.parseDouble(v.strip()) * unit;
      if (!(s >= 0) || s > 86_400 * 7) {
        return null;
      }
      return Duration.ofNanos((long) (s * 1e9));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
