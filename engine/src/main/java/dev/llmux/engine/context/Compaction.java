package dev.llmux.engine.context;

import dev.llmux.engine.Message;
import java.util.List;

/**
 * What a {@link ContextCompactor} did to a conversation.
 *
 * @param messages the conversation to send: the original when nothing was needed
 * @param method how it was made to fit
 * @param tokensBefore the conversation's tokens before
 * @param tokensAfter its tokens after
 * @param limit the most tokens a prompt may hold in this window
 * @param folded how many older messages the summary or the truncation replaced
 * @param summarizedBy the backend that wrote the summary; empty unless {@code method} is {@code SUMMARY}
 * @param note why a cheaper way failed first (the summarizer's error, say); empty when none did
 */
public record Compaction(List<Message> messages, Method method, int tokensBefore, int tokensAfter, int limit, int folded,
    String summarizedBy, String note) {

  /** How a conversation was made to fit. */
  public enum Method {
    /** It fitted as it was. */
    NONE,
    /** Older messages were replaced by a marked summary written by a model. */
    SUMMARY,
    /** Older messages were dropped (a marked note says how many), because no model could summarize them. */
    TRUNCATION
  }

  /** Copies the list. */
  public Compaction {
    messages = List.copyOf(messages);
  }

  /** Whether the conversation was changed. */
  public boolean compacted() {
    return method != Method.NONE;
  }

  /** One line for a person: what was done, tokens before and after. */
  public String describe() {
    return switch (method) {
      case NONE -> "fits: " + tokensBefore + " of " + limit + " tokens";
      case SUMMARY -> folded + " older messages summarized by '" + summarizedBy + "': " + tokensBefore + " -> "
          + tokensAfter + " tokens (limit " + limit + ")" + (note.isEmpty() ? "" : "; " + note);
      case TRUNCATION -> folded + " older messages dropped without a summary: " + tokensBefore + " -> " + tokensAfter
          + " tokens (limit " + limit + "); " + note;
    };
  }
}
