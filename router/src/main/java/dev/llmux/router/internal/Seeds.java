package dev.llmux.router.internal;

/** Derives well-spread seeds from a seed and an index, so runs and policies get their own streams. */
public final class Seeds {

  private Seeds() {}

  /** SplitMix64's finaliser over {@code seed} and {@code index} (G. Steele et al., OOPSLA 2014). */
  public static long mix(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
