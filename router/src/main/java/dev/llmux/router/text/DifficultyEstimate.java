package dev.llmux.router.text;

import dev.llmux.router.policy.RouteContext.Difficulty;

/**
 * What the difficulty head says about one text.
 *
 * @param easy calibrated probability of EASY
 * @param medium calibrated probability of MEDIUM
 * @param hard calibrated probability of HARD
 * @param likeliest the class of highest probability
 * @param confidence that class's probability
 * @param routed what the router uses: {@code likeliest}, or {@code UNKNOWN} when {@code confidence}
 *     is below the head's threshold
 */
public record DifficultyEstimate(double easy, double medium, double hard, Difficulty likeliest, double confidence,
    Difficulty routed) {

  /** The estimate's probability of {@code d} (0 for UNKNOWN). */
  public double probability(Difficulty d) {
    return switch (d) {
      case EASY -> easy;
      case MEDIUM -> medium;
      case HARD -> hard;
      case UNKNOWN -> 0;
    };
  }

  /** An estimate from three probabilities and a threshold under which it is unsure. */
  public static DifficultyEstimate of(double easy, double medium, double hard, double unsureBelow) {
    Difficulty best = easy >= medium && easy >= hard ? Difficulty.EASY : medium >= hard ? Difficulty.MEDIUM : Difficulty.HARD;
    double confidence = Math.max(easy, Math.max(medium, hard));
    return new DifficultyEstimate(easy, medium, hard, best, confidence,
        confidence < unsureBelow ? Difficulty.UNKNOWN : best);
  }
}
