package dev.llmux.engine.llama;

import java.util.List;

/**
 * Finds stop strings in streamed text. Text that might be the start of a stop string is held back
 * until the next piece shows whether it is; text after a stop string is dropped. Not thread-safe:
 * one per request.
 */
final class StopMatcher {

  private final List<String> stops;
  private final StringBuilder held = new StringBuilder();
  private boolean stopped;

  StopMatcher(List<String> stops) {
    this.stops = stops;
  }

  /** Feeds a piece; returns the text that may be emitted now (possibly empty). */
  String feed(String piece) {
    if (stopped) {
      return "";
    }
    if (stops.isEmpty()) {
      return piece;
    }
    held.append(piece);
    int earliest = -1;
    for (String s : stops) {
      int i = held.indexOf(s);
      if (i >= 0 && (earliest < 0 || i < earliest)) {
        earliest = i;
      }
    }
    if (earliest >= 0) {
      stopped = true;
      String out = held.substring(0, earliest);
      held.setLength(0);
      return out;
    }
    String h = held.toString();
    int keep = 0;
    for (String s : stops) {
      for (int len = Math.min(s.length() - 1, h.length()); len > keep; len--) {
        if (h.regionMatches(h.length() - len, s, 0, len)) {
          keep = len;
          break;
        }
      }
    }
    String out = held.substring(0, held.length() - keep);
    held.delete(0, held.length() - keep);
    return out;
  }

  /** Whether a stop string was found. */
  boolean stopped() {
    return stopped;
  }

  /** The text still held back, released when the answer ends without a stop string. */
  String drain() {
    String out = held.toString();
    held.setLength(0);
    return out;
  }
}
