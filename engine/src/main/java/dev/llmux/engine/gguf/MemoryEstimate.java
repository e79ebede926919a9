package dev.llmux.engine.gguf;

/**
 * The memory a model needs once loaded, estimated from its GGUF metadata before loading it: the
 * rise in the process's peak resident memory that loading it and answering a prompt that fills
 * its context cause, on the CPU (within 10% of what {@code MemoryCheck} in the benchmarks measures
 * for every synthetic preset and type, with the bundled and a host-built library; see {@code
 * docs/benchmarks.md}).
 *
 * @param weightsBytes the tensor data (mapped from the file; every page is read at load or by the
 *     first prompt)
 * @param repackedBytes the copy of the Q4_0 matrices that llama.cpp's CPU backend makes in an
 *     interleaved layout at load on x86-64 (AVX2) and ARM (NEON) (see {@link GgufFile#repackedBytes()})
 * @param kvCacheBytes keys and values for the whole context: {@code 2 * layers * context *
 *     kvHeads * headDim * bytesPerElement}
 * @param computeBytes llama.cpp's work buffers and fixed costs: the attention scores of a
 *     micro-batch ({@code ubatch = min(512, context)}) against a full cache, {@code 0.8 * 4 * ubatch
 *     * context * heads} (the graph allocator reuses part of the scores' space); the micro-batch's
 *     activations, {@code 4 * ubatch * (4 * embd + 2 * ffn)}; one row of logits per parallel slot,
 *     {@code 4 * vocab * parallel}; and a fixed 36 MiB plus 400 bytes per vocabulary token (threads,
 *     the tokenizer's tables in llama.cpp and in llmux). Fitted to measured peak RSS, not derived
 *     from llama.cpp's reserved sizes, which assume logits for every token of a micro-batch that
 *     llmux never asks for
 */
public record MemoryEstimate(long weightsBytes, long repackedBytes, long kvCacheBytes, long computeBytes) {

  /** Everything together. */
  public long totalBytes() {
    return weightsBytes + repackedBytes + kvCacheBytes + computeBytes;
  }
}
