package dev.llmux.engine.gguf;

/**
 * The memory a model needs once loaded, estimated from its GGUF metadata before loading it.
 *
 * @param weightsBytes the tensor data (mapped from the file)
 * @param kvCacheBytes keys and values for the whole context: {@code 2 * layers * context *
 *     kvHeads * headDim * bytesPerElement}
 * @param computeBytes llama.cpp's work buffers, estimated as {@code 4 * ubatch * (vocab + 4 * embd +
 *     ffn) + 4 * ubatch * context * heads / parallel} with a micro-batch of 512 tokens, plus 64 MiB of
 *     fixed overhead; a rough estimate that errs on the high side
 */
public record MemoryEstimate(long weightsBytes, long repackedBytes, long kvCacheBytes, long computeBytes) {

  /** Everything together. */
  public long totalBytes() {
    return weightsBytes + repackedBytes + kvCacheBytes + computeBytes;
  }
}
