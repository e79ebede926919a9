package dev.llmux.router.text;

import java.util.SplittableRandom;

/**
 * A fixed random projection of sentence embeddings to a few dimensions (Johnson-Lindenstrauss:
 * Gaussian entries, scaled by 1/sqrt(out)), made from a seed that the difficulty head records,
 * so the shipped feature pool, the simulator and live requests all project the same way.
 */
public final class Projection {

  private final int in;
  private final int out;
  private final long seed;
  private final float[] matrix;

  /** The projection from {@code in} to {@code out} dimensions made from {@code seed}. */
  public Projection(int in, int out, long seed) {
    if (in < 1 || out < 1 || out > in) {
      throw new IllegalArgumentException("a projection maps " + in + " to " + out + " dimensions: need 1 <= out <= in");
    }
    this.in = in;
    this.out = out;
    this.seed = seed;
    this.matrix = new float[in * out];
    SplittableRandom r = new SplittableRandom(seed);
    double s = 1 / Math.sqrt(out);
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = (float) (gaussian(r) * s);
    }
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** Output dimensions. */
  public int dimensions() {
    return out;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** Projects {@code embedding} into {@code target} (length {@link #dimensions()}). */
  public void project(float[] embedding, float[] target) {
    if (embedding.length != in || target.length != out) {
      throw new IllegalArgumentException("projection " + in + " -> " + out + " given " + embedding.length + " -> "
          + target.length);
    }
    for (int o = 0; o < out; o++) {
      double s = 0;
      int row = o * in;
      for (int i = 0; i < in; i++) {
        s += matrix[row + i] * embedding[i];
      }
      target[o] = (float) s;
    }
  }
}
