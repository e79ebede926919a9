package dev.llmux.router.policy;

import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * How the router turns what it knows into a small integer state, so tabular policies can index
 * arrays with it.
 *
 * <p>A state has two parts. The <em>request part</em> is one of {@value #REQUEST_STATES} values:
 * difficulty (4) x attempt bucket (0, 1, 2, 3 or more) x last outcome (3) x prompt size bucket
 * (under {@value #SMALL_PROMPT_TOKENS} tokens, under {@value #MEDIUM_PROMPT_TOKENS}, larger). The
 * <em>regime part</em> is a bit mask with one bit per backend, set when that backend is in its slow
 * latency regime. The encoded state is {@code request + REQUEST_STATES * slowMask}.
 *
 * <p>Tabular policies learn on a factored key, {@link #key(int, int)}: the request part, the
 * action, and the action's own latency regime. What backend A is worth does not depend on whether
 * backend B is slow, so one slow backend neither splits the table nor makes the others relearn.
 * Availability is not part of the state: it is a mask over the actions, so an outage changes what
 * can be chosen, never what was learned.
 */
public final class StateSpace {

  /** The most backends a router chooses among. */
  public static final int MAX_BACKENDS = 16;
  /** Number of request parts: 4 difficulties x 4 attempt buckets x 3 last outcomes x 3 prompt sizes. */
  public static final int REQUEST_STATES = 144;
  /** Prompts below this many tokens are small. */
  public static final int SMALL_PROMPT_TOKENS = 2048;
  /** Prompts below this many tokens (and not small) are medium; larger ones are large. */
  public static final int MEDIUM_PROMPT_TOKENS = 8192;
  /** Attempts from this number on share one bucket. */
  public static final int LAST_ATTEMPT_BUCKET = 3;

  private static final String[] PROMPT_BUCKETS = {"small", "medium", "large"};

  private final int backends;

  /** The state space of a router over {@code backends} backends (1 to {@value #MAX_BACKENDS}). */
  public StateSpace(int backends) {
    if (backends < 1 || backends > MAX_BACKENDS) {
      throw new IllegalArgumentException(
          "a router chooses among 1 to " + MAX_BACKENDS + " backends, not " + backends);
    }
    this.backends = backends;
  }

  /** Number of backends. */
  public int backends() {
    return backends;
  }

  /** Number of encoded states (request parts times regime masks). */
  public int states() {
    return REQUEST_STATES << backends;
  }

  /** Number of factored keys: request parts x backends x 2 regimes. */
  public int keys() {
    return REQUEST_STATES * backends * 2;
  }

  /** The request part of a context. */
  public static int request(RouteContext context) {
    return request(context.difficulty(), context.attempt(), context.lastOutcome(), context.promptTokens());
  }

  /** The request part of these features. */
  public static int request(Difficulty difficulty, int attempt, LastOutcome lastOutcome, int promptTokens) {
    int attemptBucket = Math.min(attempt, LAST_ATTEMPT_BUCKET);
    int promptBucket = promptTokens < SMALL_PROMPT_TOKENS ? 0 : promptTokens < MEDIUM_PROMPT_TOKENS ? 1 : 2;
    return ((difficulty.ordinal() * 4 + attemptBucket) * 3 + lastOutcome.ordinal()) * 3 + promptBucket;
  }

  /** The encoded state of a request part and a slow-backend mask. */
  public int state(int request, int slowMask) {
    return request + REQUEST_STATES * slowMask;
  }

  /** The request part of an encoded state. */
  public static int requestOf(int state) {
    return state % REQUEST_STATES;
  }

  /** The slow-backend mask of an encoded state. */
  public static int slowMaskOf(int state) {
    return state / REQUEST_STATES;
  }

  /** Whether {@code backend} is in its slow regime in {@code state}. */
  public static boolean slow(int state, int backend) {
    return ((slowMaskOf(state) >>> backend) & 1) != 0;
  }

  /** The factored key of taking {@code action} in {@code state}: request part, action, its regime. */
  public int key(int state, int action) {
    return ((requestOf(state) * backends + action) << 1) | ((slowMaskOf(state) >>> action) & 1);
  }

  /** The difficulty of a request part. */
  public static Difficulty difficulty(int request) {
    return Difficulty.values()[request / 36];
  }

  /** The attempt bucket (0 to {@value #LAST_ATTEMPT_BUCKET}) of a request part. */
  public static int attemptBucket(int request) {
    return (request / 9) % 4;
  }

  /** The last outcome of a request part. */
  public static LastOutcome lastOutcome(int request) {
    return LastOutcome.values()[(request / 3) % 3];
  }

  /** The prompt size bucket (0 small, 1 medium, 2 large) of a request part. */
  public static int promptBucket(int request) {
    return request % 3;
  }

  /** Describes a state in words: "hard, attempt 1, tests failed, small prompt, slow: strong". */
  public String describe(int state, List<String> names) {
    int request = requestOf(state);
    StringBuilder s = new StringBuilder()
        .append(difficulty(request).name().toLowerCase())
        .append(", attempt ").append(attemptBucket(request)).append(attemptBucket(request) == LAST_ATTEMPT_BUCKET ? "+" : "")
        .append(", ").append(lastOutcome(request).name().toLowerCase().replace('_', ' '))
        .append(", ").append(PROMPT_BUCKETS[promptBucket(request)]).append(" prompt");
    List<String> slow = new ArrayList<>();
    for (int b = 0; b < backends; b++) {
      if (slow(state, b)) {
        slow.add(names.get(b));
      }
    }
    if (!slow.isEmpty()) {
      s.append(", slow: ").append(String.join(" ", slow));
    }
    return s.toString();
  }
}
