package dev.llmux.router.policy;

/** Helpers for bit masks of backends (bit {@code i} set means backend {@code i}). */
public final class Masks {

  private Masks() {}

  /** Whether backend {@code i} is in {@code mask}. */
  public static boolean has(int mask, int i) {
    return ((mask >>> i) & 1) != 0;
  }

  /** Number of backends in {@code mask}. */
  public static int count(int mask) {
    return Integer.bitCount(mask);
  }

  /** The index of the {@code n}-th (from 0) backend in {@code mask}, in index order. */
  public static int nth(int mask, int n) {
    int m = mask;
    for (int k = 0; k < n; k++) {
      m &= m - 1;
    }
    return Integer.numberOfTrailingZeros(m);
  }

  /** The lowest backend index in {@code mask}. */
  public static int first(int mask) {
    return Integer.numberOfTrailingZeros(mask);
  }

  /** The mask of all of {@code backends} backends. */
  public static int all(int backends) {
    return backends == 32 ? -1 : (1 << backends) - 1;
  }
}
