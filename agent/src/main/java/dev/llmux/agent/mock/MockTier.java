package dev.llmux.agent.mock;

import dev.llmux.engine.Price;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.util.List;
import java.util.Objects;

/**
 * The behaviour of one mock backend.
 *
 * @param name the backend's name (always starts with {@code mock-})
 * @param easy probability that a solution it writes for an easy task is the reference
 * @param medium likewise for medium tasks
 * @param hard likewise for hard tasks
 * @param latencySeconds mean time per answer
 * @param invalidRate probability that an answer is not a valid tool call
 * @param costPerCall dollars per answer
 * @param maxWrites how many solutions it writes in one episode before it gives up and finishes
 */
public record MockTier(
    String name, double easy, double medium, double hard, double latencySeconds, double invalidRate, double costPerCall,
    int maxWrites) {

  /** Small and quick, often wrong on hard tasks. */
  public static final MockTier FAST = new MockTier("mock-fast", 0.85, 0.55, 0.25, 0.2, 0.08, 0.0001, 3);

  /** Middle of the road. */
  public static final MockTier BALANCED = new MockTier("mock-balanced", 0.93, 0.75, 0.5, 0.6, 0.04, 0.001, 3);

  /** Slow, dear and nearly always right. */
  public static final MockTier STRONG = new MockTier("mock-strong", 0.98, 0.92, 0.8, 1.5, 0.01, 0.01, 3);

  /** The three standard tiers. */
  public static final List<MockTier> STANDARD = List.of(FAST, BALANCED, STRONG);

  /** Checks the values. */
  public MockTier {
    Objects.requireNonNull(name, "name");
    if (!name.startsWith("mock-")) {
      throw new IllegalArgumentException("a mock tier's name must start with 'mock-': " + name);
    }
    for (double p : new double[] {easy, medium, hard, invalidRate}) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probabilities must be in [0, 1]: " + name);
      }
    }
    if (latencySeconds < 0 || costPerCall < 0 || maxWrites < 1) {
      throw new IllegalArgumentException("invalid mock tier " + name);
    }
  }

  /** The probability of writing the reference solution for a task of this difficulty. */
  public double success(Difficulty d) {
    return switch (d) {
      case EASY -> easy;
      case MEDIUM -> medium;
      case HARD, UNKNOWN -> hard;
    };
  }

  /** What the tier charges: {@link #costPerCall()} per answer. */
  public Price price() {
    return Price.perCall(costPerCall);
  }

  /** The same tier with another invalid-answer rate. */
  public MockTier withInvalidRate(double rate) {
    return new MockTier(name, easy, medium, hard, latencySeconds, rate, costPerCall, maxWrites);
  }

  /** The same tier giving up after {@code writes} solutions. */
  public MockTier withMaxWrites(int writes) {
    return new MockTier(name, easy, medium, hard, latencySeconds, invalidRate, costPerCall, writes);
  }
}
