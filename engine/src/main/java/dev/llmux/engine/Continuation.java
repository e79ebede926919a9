package dev.llmux.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One answer on its way through several backends: the one rule for what the next backend is asked
 * when the backend producing an answer fails, used by {@link FallbackBackend} and by the router's
 * routed backend alike.
 *
 * <p>The rule, from the caller's side: one request, one deadline, one token limit, one stream of
 * text, however many backends it took.
 * <ul>
 *   <li><b>Deadline.</b> The request's {@code timeout} is the caller's deadline for the whole
 *       answer, counted from {@link #start}. Each next backend gets the time that is left; when none
 *       is left, the answer ends with {@link StopReason#DEADLINE} and the text so far.</li>
 *   <li><b>Token limit.</b> {@code maxTokens} is the limit of the whole answer. Each next backend
 *       gets the limit minus the tokens already produced (counted as the non-empty pieces
 *       streamed: one token each for local models and for providers that stream a token per
 *       event); when none is left, the answer ends with {@link StopReason#LENGTH}.</li>
 *   <li><b>Before any text</b> (plain fallback), the next backend gets the caller's request as it
 *       is, JSON schema included: it produces the whole answer, so the whole schema applies.</li>
 *   <li><b>After some text</b> (prefix continuation), the next backend continues the text so far:
 *       a raw prompt is extended with it; a conversation gets it as the assistant's message (added,
 *       or appended to a last assistant message), which the chat template leaves open for the
 *       model to continue. The caller's listener keeps receiving text as if from one backend; the
 *       final text is the prefix plus the continuation, and {@link ChatResponse#servedBy()} names
 *       every backend that produced part of it.</li>
 *   <li><b>JSON schema across a continuation.</b> A continuation carries no JSON schema. A schema
 *       constrains an answer from its first character (a grammar for local models, a JSON mode for
 *       providers), while a continuation is the end of a value whose start was produced by another
 *       backend: re-applied, the whole schema would make the next backend start a second complete
 *       value after the prefix, so the joined text could never be valid; and a grammar cannot be
 *       resumed in the middle on another backend. So the continuation runs unconstrained, and an
 *       answer joined from several backends (more than one entry in {@code servedBy}) is not
 *       guaranteed to satisfy the schema: a caller that needs a valid instance validates it and
 *       asks again when it is not.</li>
 *   <li><b>Cancellation</b> (the request's flag, or the thread's interrupt) ends the answer with
 *       {@link StopReason#CANCELLED} and the text so far.</li>
 *   <li><b>Failures.</b> A backend that failed ({@link BackendException}: unreachable, broken
 *       stream, overloaded, wrong key) is not asked again for this answer; the next one is. When no
 *       backend is left, the caller gets a {@link BackendUnavailableException} naming every
 *       failure ({@link #exhausted}).</li>
 *   <li><b>Refusals end the answer.</b> A backend that refuses the request itself ({@link
 *       InvalidRequestException}: a prompt beyond its context, a schema or a parameter its
 *       provider rejects, HTTP 400/422 in the status or in the stream) is not a failure of that
 *       backend: the caller gets the refusal at once, and no other backend is asked. Passing the
 *       request on would hide a problem the caller must fix (shorten the prompt, pick a model with
 *       a larger context), and a fallback that answers anyway would do so silently. A caller that
 *       wants another backend to try, such as the agent on its next attempt, asks again avoiding
 *       the one that refused.</li>
 * </ul>
 *
 * <p>Use: {@link #start} when the request arrives; before each backend, {@link #stopReason()} (end
 * with {@link #end} when it is not null) and {@link #next()}; pass {@link #listener()} to the
 * backend; then {@link #answered} with its response, or {@link #failed} with its exception. One
 * answer is driven by one thread at a time. Not for reuse across requests.
 */
public final class Continuation {

  private final ChatRequest request;
  private final TokenListener caller;
  private final LongSupplier clock;
  private final long start;
  private final long deadline;
  private final StringBuilder text = new StringBuilder();
  private final List<String> servedBy = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final TokenListener listener = this::onText;
  private int tokens;
  private long firstTokenNanos;
  private int attempts;
  private int attemptStartTokens;
  private int attemptStartChars;
  private BackendException lastFailure;

  private Continuation(ChatRequest request, TokenListener caller, LongSupplier clock) {
    this.request = Objects.requireNonNull(request, "request");
    this.caller = Objects.requireNonNull(caller, "listener");
    this.clock = clock;
    this.start = clock.getAsLong();
    this.deadline = request.timeout() == null ? Long.MAX_VALUE : start + request.timeout().toNanos();
  }

  /** Starts the answer to {@code request} now; text goes on to {@code listener}. */
  public static Continuation start(ChatRequest request, TokenListener listener) {
    return new Continuation(request, listener, System::nanoTime);
  }

  /** As {@link #start(ChatRequest, TokenListener)}, with a clock in nanoseconds (for tests). */
  static Continuation start(ChatRequest request, TokenListener listener, LongSupplier clock) {
    return new Continuation(request, listener, clock);
  }

  /** The listener to give each backend: it records the text and passes it on to the caller. */
  public TokenListener listener() {
    return listener;
  }

  private void onText(String piece) {
    if (!piece.isEmpty()) {
      if (tokens == 0) {
        firstTokenNanos = clock.getAsLong();
      }
      tokens++;
      text.append(piece);
    }
    caller.onText(piece);
  }

  /** The text produced so far, by every backend. */
  public String text() {
    return text.toString();
  }

  /** The tokens produced so far (non-empty pieces streamed). */
  public int tokens() {
    return tokens;
  }

  /** How many backends were asked so far. */
  public int attempts() {
    return attempts;
  }

  /**
   * Why the answer must end before another backend is asked, or {@code null} when it may go on:
   * {@link StopReason#CANCELLED}, {@link StopReason#DEADLINE} (no time left) or {@link
   * StopReason#LENGTH} (the token limit reached).
   */
  public StopReason stopReason() {
    if (request.cancellation().isCancelled() || Thread.currentThread().isInterrupted()) {
      return StopReason.CANCELLED;
    }
    if (deadline != Long.MAX_VALUE && deadline - clock.getAsLong() <= 0) {
      return StopReason.DEADLINE;
    }
    if (tokens >= request.maxTokens()) {
      return StopReason.LENGTH;
    }
    return null;
  }

  /**
   * The request for the next backend, by the rule above: the caller's own request (with the time
   * left) when no text was produced yet, else the continuation of the text so far (no JSON schema,
   * the tokens left, the time left).
   */
  public ChatRequest next() {
    attempts++;
    attemptStartTokens = tokens;
    attemptStartChars = text.length();
    ChatRequest.Builder b;
    if (text.length() == 0) {
      if (deadline == Long.MAX_VALUE) {
        return request;
      }
      b = request.toBuilder();
    } else {
      b = request.toBuilder().jsonSchema(null).maxTokens(Math.max(1, request.maxTokens() - tokens));
      String prefix = text.toString();
      if (request.rawPrompt() != null) {
        b.rawPrompt(request.rawPrompt() + prefix);
      } else {
        List<Message> m = new ArrayList<>(request.messages());
        Message last = m.get(m.size() - 1);
        if (last.role() == Role.ASSISTANT) {
          m.set(m.size() - 1, Message.assistant(last.content() + prefix));
        } else {
          m.add(Message.assistant(prefix));
        }
        b.messages(m);
      }
    }
    if (deadline != Long.MAX_VALUE) {
      b.timeout(Duration.ofNanos(Math.max(1, deadline - clock.getAsLong())));
    }
    return b.build();
  }

  /** Whether the request of the last {@link #next()} continues text that is already produced. */
  public boolean continuing() {
    return attemptStartChars > 0;
  }

  /**
   * Records that {@code backend}, asked with the last {@link #next()}, failed with {@code e}; when
   * it produced text first, that text stays part of the answer and the backend part of {@code
   * servedBy}. (A refusal, {@link InvalidRequestException}, is not recorded here: it ends the
   * answer and goes to the caller as it is.)
   */
  public void failed(String backend, BackendException e) {
    if (text.length() > attemptStartChars) {
      servedBy.add(backend);
    }
    failures.add(e.getMessage());
    lastFailure = e;
  }

  /**
   * The whole answer, once a backend answered the last {@link #next()} with {@code last}: the text
   * so far plus {@code last}'s, the completion tokens of every backend, timings from {@link #start};
   * {@code last} itself when it was the first backend asked.
   */
  public ChatResponse answered(ChatResponse last) {
    if (attempts <= 1 && attemptStartChars == 0) {
      return last;
    }
    servedBy.addAll(last.servedBy());
    String full = text.substring(0, attemptStartChars) + last.text();
    Usage u = new Usage(last.usage().promptTokens(), last.usage().completionTokens() + attemptStartTokens);
    return new ChatResponse(full, last.stopReason(), u, Timings.of(start, firstTokenNanos, clock.getAsLong(),
        u.completionTokens()), last.backend(), servedBy);
  }

  /**
   * The answer ended with {@code reason} before another backend was asked: the text so far, named
   * after the last backend that produced part of it, else {@code name}.
   */
  public ChatResponse end(StopReason reason, String name) {
    String backend = servedBy.isEmpty() ? name : servedBy.get(servedBy.size() - 1);
    List<String> by = servedBy.isEmpty() ? List.of(name) : servedBy;
    return new ChatResponse(text.toString(), reason, new Usage(0, tokens),
        Timings.of(start, firstTokenNanos, clock.getAsLong(), tokens), backend, by);
  }

  /**
   * The error for the caller when no backend is left to ask, {@code name} being the combined
   * backend's: a {@link BackendUnavailableException} naming every failure (and why no other
   * backend could be asked, {@code why}, when given), caused by the last failure.
   */
  public BackendUnavailableException exhausted(String name, String why) {
    StringBuilder m = new StringBuilder(failures.isEmpty() ? "no backend could answer" : "every backend failed");
    if (text.length() > 0) {
      m.append(" (").append(text.length()).append(" characters had been delivered)");
    }
    if (!failures.isEmpty()) {
      m.append(": ").append(String.join("; ", failures));
    }
    if (why != null) {
      m.append(failures.isEmpty() ? ": " : "; ").append(why);
    }
    return new BackendUnavailableException(name, m.toString(), lastFailure);
  }
}
