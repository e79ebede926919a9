package dev.llmux.benchmarks;

import dev.llmux.engine.gguf.GgmlType;
import dev.llmux.engine.gguf.SyntheticModels;
import dev.llmux.engine.gguf.SyntheticPreset;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import java.nio.file.Path;

/**
 * A synthetic model the benchmarks run on: a real model's shape and tensor type with random
 * weights, generated once into {@link #dir()} and reused. Their speed is real, their text noise.
 */
public enum BenchModel {
  /** The tiny test model (Q8_0): compute is negligible, so per-token and per-request overhead shows. */
  TINY_Q8_0(SyntheticPreset.TINY, GgmlType.Q8_0),
  /** Qwen2.5-0.5B's shape, Q8_0. */
  QWEN2_5_0_5B_Q8_0(SyntheticPreset.QWEN2_5_0_5B, GgmlType.Q8_0),
  /** TinyLlama-1.1B's shape, Q4_0. */
  TINYLLAMA_1_1B_Q4_0(SyntheticPreset.TINYLLAMA_1_1B, GgmlType.Q4_0),
  /** Qwen2.5-1.5B's shape, Q8_0 (not in the default runs: pass {@code -p model=QWEN2_5_1_5B_Q8_0}). */
  QWEN2_5_1_5B_Q8_0(SyntheticPreset.QWEN2_5_1_5B, GgmlType.Q8_0),
  /** Llama-3.2-1B's shape, Q4_0 (not in the default runs). */
  LLAMA_3_2_1B_Q4_0(SyntheticPreset.LLAMA_3_2_1B, GgmlType.Q4_0);

  /** System property naming the folder of synthetic models; default {@code models/synthetic}. */
  public static final String DIR_PROPERTY = "llmux.bench.models";

  private final SyntheticPreset preset;
  private final GgmlType type;

  BenchModel(SyntheticPreset preset, GgmlType type) {
    this.preset = preset;
    this.type = type;
  }

  /** The folder the synthetic models live in: {@value #DIR_PROPERTY}, else {@code models/synthetic}. */
  public static Path dir() {
    return Path.of(System.getProperty(DIR_PROPERTY, "models/synthetic")).toAbsolutePath().normalize();
  }

  /** The model file, generated first if it is missing (minutes for the larger shapes). */
  public Path path() {
    return SyntheticModels.ensure(preset, type, dir());
  }

  /** System property giving the threads llama.cpp uses; default: the processors available to the JVM. */
  public static final String THREADS_PROPERTY = "llmux.bench.threads";

  /** The threads every benchmark gives llama.cpp, for decoding and prompt processing alike. */
  public static int threads() {
    return Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Loads this model as llmux loads any local model, with {@link #threads()} threads, the default
   * context and warm-up, {@code parallel} slots, and the prompt-prefix cache on or off (off where a
   * benchmark measures prompt processing, which the cache would skip).
   */
  public LlamaBackend load(int parallel, boolean promptCache) {
    return LlamaBackend.load(LocalModelSpec.builder(label(), path()).threads(threads()).batchThreads(threads())
        .parallel(parallel).promptCache(promptCache).build());
  }

  /** The name in reports, the file name without {@code .gguf}: {@code qwen2.5-0.5b-q8_0}. */
  public String label() {
    String file = SyntheticModels.fileName(preset, type);
    return file.substring(0, file.length() - ".gguf".length());
  }
}
