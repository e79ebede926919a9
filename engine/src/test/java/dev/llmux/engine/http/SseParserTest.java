package dev.llmux.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Splitting an event stream into events. */
final class SseParserTest {

  private final Redactor redactor = new Redactor(HttpBackendSpec.builder("b", HttpPreset.OLLAMA, "m").build());

  @Test
  void feed_eventAndMultiLineData_dispatchesOnBlankLine() throws Exception {
    SseParser p = new SseParser();
    assertNull(p.feed("event: message_delta", redactor));
    assertNull(p.feed("data: {\"a\":", redactor));
    assertNull(p.feed("data:1}", redactor));
    SseParser.Event e = p.feed("", redactor);
    assertEquals("message_delta", e.type());
    assertEquals("{\"a\":\n1}", e.data());
  }

  @Test
  void feed_commentsIdsAndRetry_areIgnored() throws Exception {
    SseParser p = new SseParser();
    assertNull(p.feed(": ping", redactor));
    assertNull(p.feed("id: 7", redactor));
    assertNull(p.feed("retry: 100", redactor));
    assertNull(p.feed("", redactor), "no data, no event");
    p.feed("data: x", redactor);
    assertEquals("message", p.feed("", redactor).type());
  }

  @Test
  void feed_unknownLine_isMalformed() {
    SseParser p = new SseParser();
    AttemptFailure f = assertThrows(AttemptFailure.class, () -> p.feed("<html><body>502 Bad Gateway", redactor));
    assertEquals(HttpBackendException.Kind.BROKEN_STREAM, f.kind);
  }

  @Test
  void feed_llamaServerErrorLine_dispatchesAnErrorEvent() throws Exception {
    SseParser p = new SseParser();
    String json = "{\"code\":400,\"message\":\"the request exceeds the available context size\",\"type\":\"invalid_request_error\"}";
    assertNull(p.feed("error: " + json, redactor));
    SseParser.Event e = p.feed("", redactor);
    assertEquals("error", e.type());
    assertEquals(json, e.data());
  }

  @Test
  void finish_pendingDataWithoutBlankLine_isDispatched() throws Exception {
    SseParser p = new SseParser();
    p.feed("data: [DONE]", redactor);
    assertEquals("[DONE]", p.finish().data());
    assertNull(p.finish());
  }
}
