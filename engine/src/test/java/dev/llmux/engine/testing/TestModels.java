package dev.llmux.engine.testing;

import dev.llmux.engine.gguf.GgmlType;
import dev.llmux.engine.gguf.SyntheticModels;
import dev.llmux.engine.gguf.SyntheticPreset;
import java.nio.file.Path;

/**
 * Synthetic models for tests, generated once into {@code models/synthetic} (the folder given by the
 * system property {@code llmux.test.models}) and reused. Shared with other modules through the
 * engine's test jar.
 */
public final class TestModels {

  private TestModels() {}

  /** The folder test models live in. */
  public static Path dir() {
    return Path.of(System.getProperty("llmux.test.models", "target/test-models"));
  }

  /** The tiny model (Q8_0): milliseconds per token. */
  public static Path tiny() {
    return SyntheticModels.ensure(SyntheticPreset.TINY, GgmlType.Q8_0, dir());
  }
}
