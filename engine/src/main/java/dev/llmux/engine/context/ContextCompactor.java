package dev.llmux.engine.context;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.Message;
import dev.llmux.engine.Role;
import dev.llmux.engine.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a conversation within a share of a model's context. When a prompt would exceed {@link
 * #limit}, the older messages are replaced by one marked summary ({@value #SUMMARY_MARK} ...),
 * written by the summarizer backend; if it fails, is too slow or is absent, by the primary; if
 * that fails too, they are dropped and a marked note ({@value #TRUNCATION_MARK} ...) says so. The
 * leading system messages, the first {@code pinned} messages after them and the newest message are
 * always kept whole; the newest older messages are kept whole as long as half the room allows.
 *
 * <p>A summary already in the conversation (from an earlier compaction) counts as an older
 * message: it is folded into the next summary, so summaries do not pile up.
 *
 * <pre>{@code
 * ContextCompactor c = ContextCompactor.builder(ContextWindow.of(model)).summarizer(small).primary(model).build();
 * Compaction fit = c.fit(history, 256);
 * }</pre>
 */
public final class ContextCompactor {

  /** The default share of the context a prompt may fill before it is compacted. */
  public static final double DEFAULT_SHARE = 0.7;
  /** The start of a summary message. */
  public static final String SUMMARY_MARK = "[llmux summary";
  /** The start of the note that replaces dropped messages. */
  public static final String TRUNCATION_MARK = "[llmux truncated";

  private static final Logger LOG = LoggerFactory.getLogger(ContextCompactor.class);
  private static final String CUT = "[...]";

  private final ContextWindow window;
  private final double share;
  private final Backend summarizer;
  private final Backend primary;
  private final Duration summaryTimeout;
  private final int summaryTokens;
  private final int pinned;
  private final boolean cutNewest;

  private ContextCompactor(Builder b) {
    this.window = b.window;
    this.share = b.share;
    this.summarizer = b.summarizer;
    this.primary = b.primary;
    this.summaryTimeout = b.summaryTimeout;
    this.summaryTokens = b.summaryTokens;
    this.pinned = b.pinned;
    this.cutNewest = b.cutNewest;
  }

  /** A builder for conversations sent to a model with this window. */
  public static Builder builder(ContextWindow window) {
    return new Builder(window);
  }

  /** The window compacted into. */
  public ContextWindow window() {
    return window;
  }

  /**
   * The most tokens a prompt may hold before it is compacted: the share of the context, and less
   * when the answer's {@code maxTokens} would not fit beside it (but never under a quarter of the
   * context).
   */
  public int limit(int maxTokens) {
    int byShare = (int) Math.floor(share * window.tokens());
    int byAnswer = window.tokens() - maxTokens;
    return Math.max(window.tokens() / 4, Math.min(byShare, byAnswer));
  }

  /**
   * The conversation made to fit {@link #limit}{@code (maxTokens)}.
   *
   * @throws ContextOverflowException when even the system messages, the pinned ones and the newest
   *     message alone do not fit: nothing older is left to compact
   */
  public Compaction fit(List<Message> messages, int maxTokens) {
    int limit = limit(maxTokens);
    int before = window.count(messages);
    if (before <= limit || messages.size() < 2) {
      return new Compaction(messages, Compaction.Method.NONE, before, before, limit, 0, "", "");
    }
    int headEnd = 0;
    while (headEnd < messages.size() - 1 && messages.get(headEnd).role() == Role.SYSTEM && !marked(messages.get(headEnd))) {
      headEnd++;
    }
    headEnd = Math.min(messages.size() - 1, headEnd + pinned);
    List<Message> head = messages.subList(0, headEnd);
    Message last = newestMessage(head, messages.get(messages.size() - 1), limit);
    List<Message> middle = messages.subList(headEnd, messages.size() - 1);
    int base = window.count(join(head, null, List.of(), last));
    if (base > limit) {
      throw new ContextOverflowException("the newest message with the messages kept before it has " + base
          + " tokens, more than the " + limit + " allowed in model '" + window.model() + "'s context of "
          + window.tokens() + " even after compacting the older ones; shorten the message or use a larger context");
    }
    int keepRoom = (limit - base) / 2;
    List<Message> kept = newest(head, null, middle, last, base + keepRoom);
    List<Message> older = middle.subList(0, middle.size() - kept.size());
    if (older.isEmpty()) {
      List<Message> out = join(head, null, kept, last);
      return new Compaction(out, Compaction.Method.TRUNCATION, before, window.count(out), limit, 0, "",
          "the newest message was cut to fit");
    }
    StringBuilder why = new StringBuilder();
    for (Backend b : summarizers()) {
      try {
        String text = summarize(b, older, limit - window.count(join(head, null, kept, last)));
        String mark = SUMMARY_MARK + " of " + older.size() + " earlier messages, by " + b.name() + "]\n";
        String fitted = fitText(text, false, t -> window.count(join(head, Message.system(mark + t), kept, last)) <= limit);
        if (fitted != null) {
          List<Message> out = join(head, Message.system(mark + fitted), kept, last);
          return new Compaction(out, Compaction.Method.SUMMARY, before, window.count(out), limit, older.size(), b.name(),
              why.toString());
        }
        why.append(b.name()).append("'s summary left no room; ");
      } catch (RuntimeException e) {
        LOG.debug("summarizer {} failed: {}", b.name(), e.getMessage());
        why.append("summarizer '").append(b.name()).append("' failed: ").append(e.getMessage()).append("; ");
      }
    }
    String reason = why.length() == 0 ? "no summarizer is configured" : why.substring(0, why.length() - 2);
    Message note = Message.system(TRUNCATION_MARK + ": earlier messages were dropped to fit the context]");
    List<Message> keptAll = newest(head, note, middle, last, limit);
    List<Message> out = join(head, note, keptAll, last);
    if (window.count(out) > limit) {
      out = join(head, null, List.of(), last);
    }
    return new Compaction(out, Compaction.Method.TRUNCATION, before, window.count(out), limit,
        middle.size() - keptAll.size(), "", reason);
  }

  /**
   * The newest message as it will be sent: itself, or (with {@link Builder#cutNewest}) its start
   * when head and it exceed the limit, cut to leave half the room after the head.
   */
  private Message newestMessage(List<Message> head, Message whole, int limit) {
    if (!cutNewest || window.count(join(head, null, List.of(), whole)) <= limit) {
      return whole;
    }
    int headTokens = head.isEmpty() ? 0 : window.count(head);
    int room = headTokens + (limit - headTokens) / 2;
    String cut = fitText(whole.content(), false,
        t -> window.count(join(head, null, List.of(), new Message(whole.role(), t))) <= room);
    return cut == null ? whole : new Message(whole.role(), cut);
  }

  /** Whether a message is a summary or truncation note made by a compactor. */
  public static boolean marked(Message m) {
    return m.content().startsWith(SUMMARY_MARK) || m.content().startsWith(TRUNCATION_MARK);
  }

  private List<Backend> summarizers() {
    List<Backend> out = new ArrayList<>();
    if (summarizer != null) {
      out.add(summarizer);
    }
    if (primary != null && primary != summarizer) {
      out.add(primary);
    }
    return out;
  }

  /**
   * The newest messages of {@code middle} that fit, with head, note (if any) and last, within {@code budget}
   * tokens: whole messages, and the newest one cut to its end when it alone is too long.
   */
  private List<Message> newest(List<Message> head, Message note, List<Message> middle, Message last, int budget) {
    List<Message> kept = new ArrayList<>();
    for (int i = middle.size() - 1; i >= 0; i--) {
      Message m = middle.get(i);
      if (marked(m)) {
        break;
      }
      kept.add(0, m);
      if (window.count(join(head, note, kept, last)) > budget) {
        kept.remove(0);
        if (kept.isEmpty()) {
          String cut = fitText(m.content(), true,
              t -> window.count(join(head, note, List.of(new Message(m.role(), t)), last)) <= budget);
          if (cut != null) {
            kept.add(new Message(m.role(), cut));
          }
        }
        break;
      }
    }
    return kept;
  }

  /** Asks {@code backend} for a summary of {@code older} in at most about {@code room} tokens. */
  private String summarize(Backend backend, List<Message> older, int room) {
    if (room < 8) {
      throw new IllegalStateException("no room for a summary");
    }
    ContextWindow own = ContextWindow.of(backend);
    int answer = Math.min(Math.min(room, summaryTokens), own.tokens() / 3);
    String instructions = "Summarize this conversation briefly. Keep facts, names, numbers, files, decisions, open questions.";
    StringBuilder transcript = new StringBuilder();
    for (Message m : older) {
      transcript.append(m.role().wireName()).append(": ").append(m.content()).append('\n');
    }
    int fits = own.tokens() - answer - 8;
    String text = fitText(transcript.toString(), true,
        t -> own.count(List.of(Message.system(instructions), Message.user(t))) <= fits);
    if (text == null) {
      throw new IllegalStateException("the summarizer's context of " + own.tokens() + " tokens holds no transcript");
    }
    ChatRequest.Builder request = ChatRequest.builder().system(instructions).user(text).maxTokens(answer).temperature(0);
    if (summaryTimeout != null) {
      request.timeout(summaryTimeout);
    }
    ChatResponse r = backend.chat(request.build());
    if (r.stopReason() == StopReason.DEADLINE || r.stopReason() == StopReason.CANCELLED) {
      throw new IllegalStateException("too slow (no summary within " + summaryTimeout + ")");
    }
    if (r.text().isBlank()) {
      throw new IllegalStateException("it answered with nothing");
    }
    return r.text().strip();
  }

  /**
   * The longest piece of {@code text} that {@code fits}: its start (or, with {@code keepEnd}, its end),
   * marked {@value #CUT} where it was cut; the text itself when it fits whole; {@code null} when
   * not even a few characters fit.
   */
  static String fitText(String text, boolean keepEnd, Predicate<String> fits) {
    if (fits.test(text)) {
      return text;
    }
    int lo = 0;
    int hi = text.length();
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (fits.test(piece(text, mid, keepEnd))) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo < Math.min(16, text.length()) ? null : piece(text, lo, keepEnd);
  }

  private static String piece(String text, int chars, boolean keepEnd) {
    return keepEnd ? CUT + " " + text.substring(text.length() - chars) : text.substring(0, chars) + " " + CUT;
  }

  private static List<Message> join(List<Message> head, Message note, List<Message> kept, Message last) {
    List<Message> out = new ArrayList<>(head);
    if (note != null) {
      out.add(note);
    }
    out.addAll(kept);
    out.add(last);
    return out;
  }

  /** Builds a {@link ContextCompactor}; every setter returns the builder. */
  public static final class Builder {
    private final ContextWindow window;
    private double share = DEFAULT_SHARE;
    private Backend summarizer;
    private Backend primary;
    private Duration summaryTimeout = Duration.ofSeconds(60);
    private int summaryTokens = 256;
    private int pinned;
    private boolean cutNewest;

    private Builder(ContextWindow window) {
      this.window = Objects.requireNonNull(window, "window");
    }

    /** The share of the context a prompt may fill before it is compacted (default 0.7). */
    public Builder share(double s) {
      if (!(s > 0.1 && s <= 1)) {
        throw new IllegalArgumentException("the compaction share is " + s + ": use a value in (0.1, 1]");
      }
      this.share = s;
      return this;
    }

    /** The backend that writes summaries first (the {@code summarizer} role; default none). */
    public Builder summarizer(Backend b) {
      this.summarizer = b;
      return this;
    }

    /** The backend that writes them when the summarizer fails (the {@code primary} role; default none). */
    public Builder primary(Backend b) {
      this.primary = b;
      return this;
    }

    /** The longest a summary may take before the next way is tried (default 60 s). */
    public Builder summaryTimeout(Duration d) {
      this.summaryTimeout = Objects.requireNonNull(d, "timeout");
      return this;
    }

    /** The most tokens of a summary (default 256). */
    public Builder summaryTokens(int n) {
      if (n < 8) {
        throw new IllegalArgumentException("summaryTokens is " + n + ": use at least 8");
      }
      this.summaryTokens = n;
      return this;
    }

    /**
     * How many messages after the leading system messages are always kept whole (default 0; an
     * agent pins its task message).
     */
    public Builder pinned(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("pinned is " + n + ": use 0 or more");
      }
      this.pinned = n;
      return this;
    }

    /**
     * Whether the newest message may be cut (its start kept, marked {@value #CUT}) when it alone
     * does not fit (default false: such a request fails). An agent allows it for long observations.
     */
    public Builder cutNewest(boolean on) {
      this.cutNewest = on;
      return this;
    }

    /** Builds the compactor. */
    public ContextCompactor build() {
      return new ContextCompactor(this);
    }
  }

}
