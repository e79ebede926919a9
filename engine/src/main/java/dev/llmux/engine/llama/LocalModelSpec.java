package dev.llmux.engine.llama;

import dev.llmux.engine.ConfigException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to load one local GGUF model. Immutable; made with {@link #builder(String, Path)}, which
 * documents the defaults. Only values validated here ever reach llama.cpp.
 *
 * @param name the model's name in the catalog and in reports
 * @param path the GGUF file
 * @param contextSize total context in tokens, shared by the parallel slots; 0 means automatic:
 *     4096 or the model's trained context when that is smaller (default 0)
 * @param threads threads for decoding (default: processors available to the JVM)
 * @param batchThreads threads for prompt processing (default: same as {@code threads})
 * @param gpuLayers layers to offload to the GPU; 0 keeps everything on the CPU (default 0)
 * @param parallel parallel slots: requests that run at once (default 1)
 * @param flashAttention use flash attention (default false)
 * @param kvCacheType the key/value cache's element type (default f16)
 * @param promptCache reuse the cached prefix of a slot's previous prompt (default true)
 * @param warmup run one short request right after loading so the first real request does not pay
 *     for thread and buffer set-up (default true)
 * @param chatTemplate the chat template family to use; {@code null} detects it from the file, with
 *     a warning when it falls back to ChatML (default null)
 * @param promptChunk prompt tokens fed per step before the first token, so that cancellation and
 *     deadlines act while a long prompt is read; 0 feeds the whole prompt at once (not
 *     cancellable until the first token). Needs {@code promptCache}. (default {@value
 *     #DEFAULT_PROMPT_CHUNK})
 */
public record LocalModelSpec(
    String name,
    Path path,
    int contextSize,
    int threads,
    int batchThreads,
    int gpuLayers,
    int parallel,
    boolean flashAttention,
    KvCacheType kvCacheType,
    boolean promptCache,
    boolean warmup,
    ChatTemplate chatTemplate,
    int promptChunk) {

  /** Largest context size accepted (llama.cpp b4916's own limits are far above real models). */
  public static final int MAX_CONTEXT = 1 << 20;

  /**
   * Default prompt chunk. On the Qwen2.5-0.5B shape (bundled CPU library, 2 threads) 32 tokens take
   * about 165 ms at the 194 prompt tokens/s of a quiet machine, so cancellation acts within about
   * 250 ms; interleaved runs of a 512-token prompt showed no cost measurable above the noise against
   * feeding it whole (see {@code docs/serve.md}; measured with {@code PromptChunkBenchmark}).
   */
  public static final int DEFAULT_PROMPT_CHUNK = 32;

  /** Validates every field; errors name the model, the field and the allowed range. */
  public LocalModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kvCacheType, "kvCacheType");
    if (contextSize != 0) {
      check(name, "contextSize", contextSize, 16, MAX_CONTEXT);
    }
    check(name, "threads", threads, 1, 512);
    check(name, "batchThreads", batchThreads, 1, 512);
    check(name, "gpuLayers", gpuLayers, 0, 10_000);
    check(name, "parallel", parallel, 1, 256);
    if (promptChunk != 0) {
      check(name, "promptChunk", promptChunk, 8, MAX_CONTEXT);
    }
    if (contextSize != 0 && contextSize / parallel < 16) {
      throw new ConfigException("model '" + name + "': contextSize " + contextSize + " shared by " + parallel
          + " parallel slots leaves fewer than 16 tokens per slot; raise contextSize or lower parallel");
    }
    if (kvCacheType == KvCacheType.Q4_0 && !flashAttention) {
      throw new ConfigException("model '" + name + "': kvCacheType q4_0 needs flashAttention true (llama.cpp"
          + " quantizes the V cache only with flash attention); enable it or use f16/q8_0");
    }
  }

  private static void check(String model, String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException("model '" + model + "': " + field + " is " + value + "; use a value from " + min
          + " to " + max);
    }
  }

  /** A builder for a model named {@code name} in {@code path}, with the defaults above. */
  public static Builder builder(String name, Path path) {
    return new Builder(name, path);
  }

  /** Builds a {@link LocalModelSpec}. */
  public static final class Builder {
    private final String name;
    private final Path path;
    private int contextSize;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int batchThreads = -1;
    private int gpuLayers;
    private int parallel = 1;
    private boolean flashAttention;
    private KvCacheType kvCacheType = KvCacheType.F16;
    private boolean promptCache = true;
    private boolean warmup = true;
    private ChatTemplate chatTemplate;
    private int promptChunk = DEFAULT_PROMPT_CHUNK;

    private Builder(String name, Path path) {
      this.name = name;
      this.path = path;
    }

    /** Total context in tokens; 0 for automatic. */
    public Builder contextSize(int n) {
      this.contextSize = n;
      return this;
    }

    /** Decode threads. */
    public Builder threads(int n) {
      this.threads = n;
      return this;
    }

    /** Prompt-processing threads. */
    public Builder batchThreads(int n) {
      this.batchThreads = n;
      return this;
    }

    /** GPU layers. */
    public Builder gpuLayers(int n) {
      this.gpuLayers = n;
      return this;
    }

    /** Parallel slots. */
    public Builder parallel(int n) {
      this.parallel = n;
      return this;
    }

    /** Flash attention. */
    public Builder flashAttention(boolean on) {
      this.flashAttention = on;
      return this;
    }

    /** KV cache type. */
    public Builder kvCacheType(KvCacheType t) {
      this.kvCacheType = t;
      return this;
    }

    /** Prompt prefix cache. */
    public Builder promptCache(boolean on) {
      this.promptCache = on;
      return this;
    }

    /** Warm-up request after loading. */
    public Builder warmup(boolean on) {
      this.warmup = on;
      return this;
    }

    /** The chat template family, instead of the one detected from the file (default: detected). */
    public Builder chatTemplate(ChatTemplate t) {
      this.chatTemplate = t;
      return this;
    }

    /** Prompt tokens fed per step before the first token; 0 for all at once. */
    public Builder promptChunk(int n) {
      this.promptChunk = n;
      return this;
    }

    /** Validates and builds. */
    public LocalModelSpec build() {
      return new LocalModelSpec(name, path, contextSize, threads, batchThreads < 0 ? threads : batchThreads, gpuLayers,
          parallel, flashAttention, kvCacheType, promptCache, warmup, chatTemplate, promptChunk);
    }
  }
}
