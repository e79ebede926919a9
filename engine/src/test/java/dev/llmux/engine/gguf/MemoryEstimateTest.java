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
    assertEquals(4L * 256 * (264 + 4 * 32 + 64) + 4L * 256 * 256 * 4 + 64 * MIB, m.computeBytes());
    assertEquals(68_624_384, m.computeBytes());
    // norms: 3 x 32 f32 = 384 bytes; matrices: 17,664 weights in Q8_0 blocks = 552 x 34 bytes
    assertEquals(384 + 552 * 34, m.weightsBytes());
    assertEquals(19_152 + 16_384 + 68_624_384, m.totalBytes());
  }

  @Test
  void memoryEstimate_cacheTypesAndParallelSlots_scaleAsTheFormulaSays() throws IOException {
    GgufFile g = tiny(TinyGguf.raw());
    assertEquals(16_384 * 17 / 32, g.memoryEstimate(256, 1, "q8_0").kvCacheBytes());
    assertEquals(16_384 * 9 / 32, g.memoryEstimate(256, 1, "Q4_0").kvCacheBytes());
    assertEquals(16_384 * 2, g.memoryEstimate(256, 1, "f32").kvCacheBytes());
    // parallel slots share the context: same cache, attention scores per slot shrink
    assertEquals(16_384, g.memoryEstimate(256, 4, "f16").kvCacheBytes());
    assertEquals(4L * 256 * 456 + 4L * 256 * 256 * 4 / 4 + 64 * MIB, g.memoryEstimate(256, 4, "f16").computeBytes());
    // above 512 tokens the micro-batch stays 512
    assertEquals(4L * 512 * 456 + 4L * 512 * 2048 * 4 + 64 * MIB, g.memoryEstimate(2048, 1, "f16").computeBytes());
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
    assertEquals(4L * 512 * (151_936 + 4 * 896 + 4864) + 4L * 512 * 4096 * 14 / 4 + 64 * MIB, m.computeBytes());
    assertEquals(m.weightsBytes() + m.kvCacheBytes() + m.computeBytes(), m.totalBytes());
  }
}
