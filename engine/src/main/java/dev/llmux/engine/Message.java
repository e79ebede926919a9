package dev.llmux.engine;

import java.util.Objects;

/** One message of a conversation. */
public record Message(Role role, String content) {

  /** Checks that both parts are present. */
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** A system message. */
  public static Message system(String content) {
    return new Message(Role.SYSTEM, content);
  }

  /** A user message. */
  public static Message user(String content) {
    return new Message(Role.USER, content);
  }

  /** An assistant message. */
  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content);
  }
}
