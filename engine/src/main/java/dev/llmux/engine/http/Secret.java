package dev.llmux.engine.http;

import java.util.Objects;

/**
 * An API key, kept out of every text llmux writes: {@link #toString()} is {@code ***}, and
 * {@link #redact(String)} removes the key from text that came from elsewhere (a provider's error
 * message) before llmux logs or throws it.
 *
 * <p>Only this package reads the value (to put it in a request header). A secret remembers the
 * environment variable it came from, so a missing key can be reported by the variable's name.
 */
public final class Secret {

  private static final String MASK = "***";
  private static final Secret NONE = new Secret("", "");

  private final String value;
  private final String variable;

  private Secret(String value, String variable) {
    this.value = value;
    this.variable = variable;
  }

  /** A key given directly (in code or already resolved from a config). */
  public static Secret of(String value) {
    return of(value, "");
  }

  /**
   * A key that was read from the environment variable {@code variable}; an empty or {@code null}
   * value makes an absent secret that still names the variable.
   */
  public static Secret of(String value, String variable) {
    Objects.requireNonNull(variable, "variable");
    return new Secret(value == null ? "" : value.strip(), variable);
  }

  /** The key in environment variable {@code variable}; absent (but naming it) when it is unset. */
  public static Secret fromEnvironment(String variable) {
    return of(System.getenv(variable), variable);
  }

  /** No key (local servers). */
  public static Secret none() {
    return NONE;
  }

  /** Whether there is a key. */
  public boolean isPresent() {
    return !value.isEmpty();
  }

  /** The environment variable the key comes from, or the empty string when it was given directly. */
  public String variable() {
    return variable;
  }

  /** The key itself; for request headers only. */
  String reveal() {
    return value;
  }

  /**
   * {@code text} with every occurrence of the key replaced by {@code ***}; {@code null} stays
   * {@code null}. Keys shorter than 4 characters are not searched for (they would mask ordinary text).
   */
  public String redact(String text) {
    if (text == null || value.length() < 4 || !text.contains(value)) {
      return text;
    }
    return text.replace(value, MASK);
  }

  /** Whether {@code text} contains the key. */
  boolean appearsIn(String text) {
    return text != null && !value.isEmpty() && text.contains(value);
  }

  /** Always {@code ***}, present or not. */
  @Override
  public String toString() {
    return MASK;
  }
}
