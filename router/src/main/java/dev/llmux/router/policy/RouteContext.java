package dev.llmux.router.policy;

import java.util.Objects;

/**
 * What the router knows about a request when it chooses: the request's own features. The live
 * state of each backend (latency regime, availability) is read by the router itself.
 *
 * @param difficulty the task's difficulty, given or estimated
 * @param attempt the agent step or attempt number, from 0
 * @param lastOutcome what the previous attempt of the same episode led to
 * @param promptTokens the prompt's size in tokens (an estimate is fine)
 * @param text the request text's reduced embedding (the fixed random projection of its sentence
 *     embedding, see {@code router.text}), or null when there is none; contextual policies read it,
 *     tabular ones do not. Not copied: callers must not change it afterwards.
 */
public record RouteContext(Difficulty difficulty, int attempt, LastOutcome lastOutcome, int promptTokens, float[] text) {

  /** How hard a task is. */
  public enum Difficulty { EASY, MEDIUM, HARD, UNKNOWN }

  /** What the previous attempt in the same episode led to. */
  public enum LastOutcome { NONE, TESTS_FAILED, TESTS_PARTIAL }

  /** Checks the features: both enums present, attempt and prompt size not negative. */
  public RouteContext {
    Objects.requireNonNull(difficulty, "difficulty (use UNKNOWN when it is not known)");
    Objects.requireNonNull(lastOutcome, "lastOutcome (use NONE for a first attempt)");
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt is " + attempt + ": count attempts from 0");
    }
    if (promptTokens < 0) {
      throw new IllegalArgumentException("promptTokens is " + promptTokens + ": use 0 or more");
    }
  }

  /** Features without a text vector. */
  public RouteContext(Difficulty difficulty, int attempt, LastOutcome lastOutcome, int promptTokens) {
    this(difficulty, attempt, lastOutcome, promptTokens, null);
  }

  /** The same features with this text vector (may be null). */
  public RouteContext withText(float[] vector) {
    return new RouteContext(difficulty, attempt, lastOutcome, promptTokens, vector);
  }

  /** A first attempt at a task of the given difficulty with a small prompt. */
  public static RouteContext first(Difficulty difficulty) {
    return new RouteContext(difficulty, 0, LastOutcome.NONE, 0);
  }

  /** The next attempt at the same task, after {@code outcome}, with a prompt of {@code tokens}. */
  public RouteContext next(LastOutcome outcome, int tokens) {
    return new RouteContext(difficulty, attempt + 1, outcome, tokens, text);
  }
}
