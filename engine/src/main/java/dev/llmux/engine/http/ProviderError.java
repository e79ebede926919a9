package dev.llmux.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * The error a provider reported, read from any of the common shapes: OpenAI's
 * {@code {"error":{"message","type","code"}}}, Anthropic's {@code {"type":"error","error":{"type","message"}}},
 * {@code {"error":"text"}}, vLLM's {@code {"object":"error","message","type"}}, FastAPI's
 * {@code {"detail":...}}, or plain text.
 *
 * @param type the error type ({@code rate_limit_error}, {@code insufficient_quota}), or ""
 * @param code the error code, or ""
 * @param message the provider's message, redacted and shortened, or ""
 */
record ProviderError(String type, String code, String message) {

  private static final int MAX_MESSAGE = 300;
  private static final Set<String> QUOTA_CODES = Set.of(
      "insufficient_quota", "quota_exceeded", "billing_hard_limit_reached", "billing_not_active",
      "insufficient_credits", "payment_required");
  private static final String[] QUOTA_PHRASES = {
    "exceeded your current quota", "insufficient credits", "insufficient_quota", "credit balance is too low",
    "billing hard limit", "out of credits", "quota exhausted", "quota has been exhausted"
  };

  /** Reads an error body; secrets are removed from every text taken from it. */
  static ProviderError parse(String body, Redactor redactor) {
    if (body == null || body.isBlank()) {
      return new ProviderError("", "", "");
    }
    JsonNode root = Json.tryParse(body);
    if (root == null || !root.isObject()) {
      return new ProviderError("", "", clip(redactor.redact(body.strip().replaceAll("\\s+", " "))));
    }
    return from(root, redactor);
  }

  /** Reads an error object that arrived inside a stream ({@code {"error":...}} or {@code {"type":"error",...}}). */
  static ProviderError from(JsonNode root, Redactor redactor) {
    JsonNode e = root.get("error");
    String type = "";
    String code = "";
    String message = "";
    if (e != null && e.isObject()) {
      type = text(e.get("type"));
      code = text(e.get("code"));
      message = text(e.get("message"));
    } else if (e != null && e.isTextual()) {
      message = e.asText();
    } else {
      type = root.path("object").asText("").equals("error") || root.path("type").asText("").equals("error")
          ? text(root.get("type")) : "";
      if ("error".equals(type)) {
        type = "";
      }
      code = text(root.get("code"));
      message = text(root.has("message") ? root.get("message") : root.get("detail"));
    }
    return new ProviderError(redactor.redact(type), redactor.redact(code), clip(redactor.redact(message)));
  }

  /** Whether the error says the account's quota or credit is used up (not a momentary rate limit). */
  boolean quotaExhausted() {
    if (QUOTA_CODES.contains(type.toLowerCase(Locale.ROOT)) || QUOTA_CODES.contains(code.toLowerCase(Locale.ROOT))) {
      return true;
    }
    String m = message.toLowerCase(Locale.ROOT);
    for (String phrase : QUOTA_PHRASES) {
      if (m.contains(phrase)) {
        return true;
      }
    }
    return false;
  }

  /** A short description for messages: {@code type/code: message}. */
  String describe() {
    StringBuilder sb = new StringBuilder();
    if (!type.isEmpty()) {
      sb.append(type);
    }
    if (!code.isEmpty() && !code.equals(type)) {
      sb.append(sb.length() > 0 ? "/" : "").append(code);
    }
    if (!message.isEmpty()) {
      sb.append(sb.length() > 0 ? ": " : "").append(message);
    }
    return sb.toString();
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull()) {
      return "";
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  private static String clip(String s) {
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
  }
}
