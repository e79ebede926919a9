package dev.llmux.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmux.engine.testing.RawGguf;
import dev.llmux.engine.testing.TinyGguf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GgufFile#memoryEstimate} against hand calculations of {@link MemoryEstimate}'s formula,
 * and its KV cache against the sizes llama.cpp reports for Qwen2.5-0.5B.
 */
final class MemoryEstimateTest {

  private static final long MIB = 1 << 20;

  @TempDir Path dir;

  private GgufFile tiny(RawGguf raw) throws IOException {
    return GgufFile.read(Files.write(dir.resolve("tiny.gguf"), raw.bytes()));
  }

  @Test
  void memoryEstimate_tinyModel_matchesTheHandCalculation() throws IOException {
    // 1 layer, embd 32, 4 heads, 2 kv heads of 8, ffn 64, vocab 264; context 256 < 512, so ubatch 256.
    MemoryEstimate m = tiny(TinyGguf.raw()).memoryEstimate(256, 1, "f16");
    assertEquals(2L * 1 * 256 * 2 * 8 * 2, m.kvCacheBytes());
    assertEquals(16_384, m.kvCacheBytes());
    // attention scores 0.8 x 4 x ubatch x ctx x heads, activations 4 x ubatch x (4 embd + 2 ffn),
    // one row of logits, 36 MiB + 400 bytes per token
    assertEquals(4L * 256 * 256 * 4 * 4 / 5 + 4L * 256 * (4 * 32 + 2 * 64) + 4L * 264 + 36 * MIB + 400L * 264,
        m.computeBytes());
    assertEquals(38_956_396, m.computeBytes());
    // norms: 3 x 32 f32 = 384 bytes; matrices: 17,664 weights in Q8_0 blocks = 552 x 34 bytes
    assertEquals(384 + 552 * 34, m.weightsBytes());
    assertEquals(0, m.repackedBytes(), "Q8_0 is not repacked");
    assertEquals(19_152 + 16_384 + 38_956_396, m.totalBytes());
  }

  @Test
  void memoryEstimate_cacheTypesAndParallelSlots_scaleAsTheFormulaSays() throws IOException {
    GgufFile g = tiny(TinyGguf.raw());
    assertEquals(16_384 * 17 / 32, g.memoryEstimate(256, 1, "q8_0").kvCacheBytes());
    assertEquals(16_384 * 9 / 32, g.memoryEstimate(256, 1, "Q4_0").kvCacheBytes());
    assertEquals(16_384 * 2, g.memoryEstimate(256, 1, "f32").kvCacheBytes());
    // parallel slots share the context: same cache; a micro-batch still attends over all of it, and
    // each slot gets its row of logits
    assertEquals(16_384, g.memoryEstimate(256, 4, "f16").kvCacheBytes());
    assertEquals(g.memoryEstimate(256, 1, "f16").computeBytes() + 3L * 4 * 264, g.memoryEstimate(256, 4, "f16").computeBytes());
    // above 512 tokens the micro-batch stays 512
    assertEquals(4L * 512 * 2048 * 4 * 4 / 5 + 4L * 512 * 256 + 4L * 264 + 36 * MIB + 400L * 264,
        g.memoryEstimate(2048, 1, "f16").computeBytes());
    assertEquals(16_384 * 8, g.memoryEstimate(2048, 1, "f16").kvCacheBytes());
  }

  @Test
  void memoryEstimate_explicitKeyLength_isTheHeadSize() throws IOException {
    RawGguf raw = TinyGguf.raw();
    raw.put("llama.attention.key_length", GgufValueType.UINT32, 16);
    assertEquals(2L * 1 * 256 * 2 * 16 * 2, tiny(raw).memoryEstimate(256, 1, "f16").kvCacheBytes());
  }

  @Test
  void memoryEstimate_qwen2_5_0_5b_matchesLlamaCppsKvCacheAndTheFileSize() throws IOException {
    GgufFile g = SyntheticPresetTest.headerOnly(SyntheticPreset.QWEN2_5_0_5B, GgmlType.Q8_0, dir);
    // llama.cpp: "KV self size = 48.00 MiB" at n_ctx 4096 in f16, 25.50 MiB in q8_0
    assertEquals(48 * MIB, g.memoryEstimate(4096, 1, "f16").kvCacheBytes());
    assertEquals(51 * MIB / 2, g.memoryEstimate(4096, 1, "q8_0").kvCacheBytes());
    // 71,552 f32 weights (norms, biases) and 493,961,216 in Q8_0 blocks
    MemoryEstimate m = g.memoryEstimate(4096, 4, "f16");
    assertEquals(71_552L * 4 + 493_961_216L / 32 * 34, m.weightsBytes());
    assertEquals(4L * 512 * 4096 * 14 * 4 / 5 + 4L * 512 * (4 * 896 + 2 * 4864) + 4L * 151_936 * 4 + 36 * MIB
        + 400L * 151_936, m.computeBytes());
    assertEquals(m.weightsBytes() + m.kvCacheBytes() + m.computeBytes(), m.totalBytes());
  }

  @Test
  void repackedBytes_q4_0_countsTheMatricesLlamaCppRepacks() throws IOException {
    // Qwen2.5-0.5B ties its output to the token embeddings: llama.cpp loads them again for the
    // output product, repacked, so every Q4_0 matrix counts (measured: 265 MiB weights + 265 repacked).
    GgufFile qwen = SyntheticPresetTest.headerOnly(SyntheticPreset.QWEN2_5_0_5B, GgmlType.Q4_0, dir);
    long q4 = qwen.bytesByType().get(GgmlType.Q4_0);
    assertEquals(q4, qwen.repackedBytes());
    assertEquals(qwen.weightsBytes() + q4 + qwen.memoryEstimate(4096, 1, "f16").kvCacheBytes()
        + qwen.memoryEstimate(4096, 1, "f16").computeBytes(), qwen.memoryEstimate(4096, 1, "f16").totalBytes());
    // TinyLlama has its own output matrix: the token embeddings (32,000 x 2,048 in Q4_0) are only looked up.
    GgufFile tinyLlama = SyntheticPresetTest.headerOnly(SyntheticPreset.TINYLLAMA_1_1B, GgmlType.Q4_0, dir);
    long embeddings = 32_000L * 2048 / 32 * 18;
    assertEquals(tinyLlama.bytesByType().get(GgmlType.Q4_0) - embeddings, tinyLlama.repackedBytes());
    // Other types are used in place.
    assertEquals(0, SyntheticPresetTest.headerOnly(SyntheticPreset.TINYLLAMA_1_1B, GgmlType.Q8_0, dir).repackedBytes());
  }
}
