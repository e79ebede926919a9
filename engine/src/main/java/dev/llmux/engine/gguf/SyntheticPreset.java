package dev.llmux.engine.gguf;

import java.util.Optional;

/**
 * The shape of a synthetic model: a real model's architecture, sizes, vocabulary size, rope and
 * norm settings and chat format, filled with random weights by {@link SyntheticModels}.
 */
public enum SyntheticPreset {
  /** A tiny llama-architecture model for tests: milliseconds per token. */
  TINY("tiny", "llama", 64, 2, 4, 2, 128, 1024, 32_768, 10_000f, 1e-5f, false, ChatFormat.CHATML,
      "synthetic tiny"),
  /** Qwen2.5-0.5B's shape (about 494M parameters, tied embeddings). */
  QWEN2_5_0_5B("qwen2.5-0.5b", "qwen2", 896, 24, 14, 2, 4864, 151_936, 32_768, 1_000_000f, 1e-6f,
      true, ChatFormat.CHATML, "synthetic Qwen2.5-0.5B"),
  /** Qwen2.5-1.5B's shape (about 1.54B parameters, tied embeddings). */
  QWEN2_5_1_5B("qwen2.5-1.5b", "qwen2", 1536, 28, 12, 2, 8960, 151_936, 32_768, 1_000_000f, 1e-6f,
      true, ChatFormat.CHATML, "synthetic Qwen2.5-1.5B"),
  /** Llama-3.2-1B's shape (about 1.24B parameters, tied embeddings). */
  LLAMA_3_2_1B("llama-3.2-1b", "llama", 2048, 16, 32, 8, 8192, 128_256, 131_072, 500_000f, 1e-5f,
      true, ChatFormat.LLAMA3, "synthetic Llama-3.2-1B"),
  /** TinyLlama-1.1B's shape (about 1.1B parameters, separate output matrix). */
  TINYLLAMA_1_1B("tinyllama-1.1b", "llama", 2048, 22, 32, 4, 5632, 32_000, 2048, 10_000f, 1e-5f,
      false, ChatFormat.ZEPHYR, "synthetic TinyLlama-1.1B");

  private final String presetName;
  private final String architecture;
  private final int embeddingLength;
  private final int blockCount;
  private final int headCount;
  private final int headCountKv;
  private final int feedForwardLength;
  private final int vocabularySize;
  private final int contextLength;
  private final float ropeFreqBase;
  private final float rmsEpsilon;
  private final boolean tiedEmbeddings;
  private final ChatFormat chatFormat;
  private final String modelName;

  SyntheticPreset(
      String presetName,
      String architecture,
      int embeddingLength,
      int blockCount,
      int headCount,
      int headCountKv,
      int feedForwardLength,
      int vocabularySize,
      int contextLength,
      float ropeFreqBase,
      float rmsEpsilon,
      boolean tiedEmbeddings,
      ChatFormat chatFormat,
      String modelName) {
    this.presetName = presetName;
    this.architecture = architecture;
    this.embeddingLength = embeddingLength;
    this.blockCount = blockCount;
    this.headCount = headCount;
    this.headCountKv = headCountKv;
    this.feedForwardLength = feedForwardLength;
    this.vocabularySize = vocabularySize;
    this.contextLength = contextLength;
    this.ropeFreqBase = ropeFreqBase;
    this.rmsEpsilon = rmsEpsilon;
    this.tiedEmbeddings = tiedEmbeddings;
    this.chatFormat = chatFormat;
    this.modelName = modelName;
  }

  /** The preset called {@code name} as the command line spells it (e.g. {@code qwen2.5-0.5b}). */
  public static Optional<SyntheticPreset> byName(String name) {
    for (SyntheticPreset preset : values()) {
      if (preset.presetName.equalsIgnoreCase(name)) {
        return Optional.of(preset);
      }
    }
    return Optional.empty();
  }

  /** The name the command line and file names use, e.g. {@code qwen2.5-0.5b}. */
  public String presetName() {
    return presetName;
  }

  /** The llama.cpp architecture: {@code llama} or {@code qwen2}. */
  public String architecture() {
    return architecture;
  }

  /** The width of the hidden state (n_embd). */
  public int embeddingLength() {
    return embeddingLength;
  }

  /** The number of transformer blocks. */
  public int blockCount() {
    return blockCount;
  }

  /** The number of attention (query) heads. */
  public int headCount() {
    return headCount;
  }

  /** The number of key/value heads. */
  public int headCountKv() {
    return headCountKv;
  }

  /** The size of one attention head: embedding length / head count. */
  public int headDim() {
    return embeddingLength / headCount;
  }

  /** The hidden size of the feed-forward network. */
  public int feedForwardLength() {
    return feedForwardLength;
  }

  /** The number of tokens in the vocabulary. */
  public int vocabularySize() {
    return vocabularySize;
  }

  /** The context length the real model was trained for. */
  public int contextLength() {
    return contextLength;
  }

  /** The rope frequency base. */
  public float ropeFreqBase() {
    return ropeFreqBase;
  }

  /** The epsilon of the RMS norms. */
  public float rmsEpsilon() {
    return rmsEpsilon;
  }

  /** Whether the output projection reuses the token embedding (no output.weight tensor). */
  public boolean tiedEmbeddings() {
    return tiedEmbeddings;
  }

  /** The human-readable general.name, e.g. {@code synthetic Qwen2.5-0.5B}. */
  public String modelName() {
    return modelName;
  }

  ChatFormat chatFormat() {
    return chatFormat;
  }

  @Override
  public String toString() {
    return presetName;
  }
}
