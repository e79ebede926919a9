package dev.llmux.engine.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes a backend's secrets (the API key, and extra header values that are long enough to be
 * tokens) from text that came from outside, before it is logged or put in an exception.
 */
final class Redactor {

  private final List<String> secrets;

  Redactor(HttpBackendSpec spec) {
    List<String> s = new ArrayList<>();
    if (spec.apiKey().isPresent() && spec.apiKey().reveal().length() >= 4) {
      s.add(spec.apiKey().reveal());
    }
    for (String v : spec.headers().values()) {
      if (v.length() >= 12) {
        s.add(v);
      }
    }
    this.secrets = List.copyOf(s);
  }

  /** {@code text} with every secret replaced by {@code ***}. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String t = text;
    for (String s : secrets) {
      if (t.contains(s)) {
        t = t.replace(s, "***");
      }
    }
    return t;
  }

  /** Whether the throwable or any of its causes mentions a secret (then it is not attached as a cause). */
  boolean leaks(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String s = String.valueOf(c.getMessage());
      for (String secret : secrets) {
        if (s.contains(secret)) {
          return true;
        }
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
