package dev.llmux.engine.http;

import dev.llmux.engine.http.HttpBackendException.Kind;

/**
 * Splits a server-sent-events stream, fed line by line, into events (the WHATWG "event stream"
 * format): {@code event:} and {@code data:} fields, comments starting with {@code :}, a blank line
 * ending each event. Two differences from the standard: llama.cpp's server reports a failure
 * after HTTP 200 with a line {@code error: {...}}, which becomes an event of type {@code error}
 * with that JSON as its data; and any other line that is not a known field is a malformed stream,
 * since no LLM server sends one and an HTML page or garbage should fail fast.
 */
final class SseParser {

  /** One dispatched event; {@code type} is "message" when the stream named none. */
  record Event(String type, String data) {}

  private String type;
  private StringBuilder data;
  private boolean first = true;
  private int lineNumber;

  /** Takes one line (without its line break); returns an event when the line completes one, else {@code null}. */
  Event feed(String line, Redactor redactor) throws AttemptFailure {
    lineNumber++;
    if (first) {
      first = false;
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
    }
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.charAt(0) == ':') {
      return null;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      case "event" -> type = value;
      case "error" -> {
        // llama.cpp's server: "error: {json}" then a blank line, instead of "event: error" + "data:"
        type = "error";
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
      case "id", "retry" -> { }
      default -> throw new AttemptFailure(Kind.BROKEN_STREAM, true, "malformed event stream: line " + lineNumber
          + " is not an SSE field: '" + clip(redactor.redact(line)) + "'");
    }
    return null;
  }

  /** Dispatches an event left without its closing blank line when the stream ended, or returns {@code null}. */
  Event finish() {
    return dispatch();
  }

  private Event dispatch() {
    Event e = data == null ? null : new Event(type == null || type.isEmpty() ? "message" : type, data.toString());
    type = null;
    data = null;
    return e;
  }

  /** A short one-line excerpt of outside text for messages. */
  static String clip(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() <= 80 ? t : t.substring(0, 80) + "...";
  }
}
