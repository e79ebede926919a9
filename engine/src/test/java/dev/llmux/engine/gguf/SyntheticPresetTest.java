package dev.llmux.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.llama.ChatTemplate;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Synthetic presets have their real model's shape: parameter counts against the published ones,
 * read from the header the generator writes (with the data left as a sparse hole, so no gigabytes
 * are written), and the tiny model generated for real.
 */
final class SyntheticPresetTest {

  @TempDir Path dir;

  /** The file the generator would write, with only its header filled in; the data is a sparse hole. */
  static GgufFile headerOnly(SyntheticPreset preset, GgmlType type, Path dir) throws IOException {
    GgufWriter w = SyntheticModels.writer(preset, type, SyntheticModels.DEFAULT_SEED);
    Path file = Files.write(dir.resolve("header-" + SyntheticModels.fileName(preset, type)), w.header());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(w.fileSize());
    }
    return GgufFile.read(file);
  }

  /** The parameters of a preset's shape, counted by hand from the architecture. */
  static long shapeParameters(SyntheticPreset p) {
    long embd = p.embeddingLength();
    long q = (long) p.headCount() * p.headDim();
    long kv = (long) p.headCountKv() * p.headDim();
    long perLayer = 2 * embd // attention and ffn norms
        + embd * q + 2 * embd * kv + q * embd // q, k, v, output
        + 3 * embd * p.feedForwardLength() // gate, up, down
        + (p.architecture().equals("qwen2") ? q + 2 * kv : 0); // q, k, v biases
    long embeddings = embd * p.vocabularySize() * (p.tiedEmbeddings() ? 1 : 2);
    return embeddings + embd + p.blockCount() * perLayer;
  }

  @ParameterizedTest
  @CsvSource({
    "qwen2.5-0.5b,   494032768, qwen2, CHATML, <|endoftext|>, <|im_end|>",
    "qwen2.5-1.5b,  1543714304, qwen2, CHATML, <|endoftext|>, <|im_end|>",
    "llama-3.2-1b,  1235814400, llama, LLAMA3, <|begin_of_text|>, <|eot_id|>",
    "tinyllama-1.1b, 1100048384, llama, ZEPHYR, <s>, </s>"
  })
  void header_realPreset_hasTheRealModelsShape(String name, long published, String arch, ChatTemplate template,
      String bos, String eos) throws IOException {
    SyntheticPreset p = SyntheticPreset.byName(name).orElseThrow();
    GgufFile g = headerOnly(p, GgmlType.Q8_0, dir);
    long params = g.parameterCount();
    assertEquals(shapeParameters(p), params, "the header holds exactly the preset's shape");
    assertEquals(published, params, published * 0.01, name + ": " + params + " parameters");
    assertEquals(arch, g.architecture());
    assertEquals(p.vocabularySize(), g.vocabularySize());
    assertEquals(p.contextLength(), g.contextLength());
    assertEquals(p.modelName(), g.name());
    assertTrue(g.synthetic());
    assertEquals(template, ChatTemplate.detect(g.chatTemplate()));
    assertEquals(bos, g.tokens().get(((Long) g.metadata().get("tokenizer.ggml.bos_token_id")).intValue()));
    assertEquals(eos, g.tokens().get(((Long) g.metadata().get("tokenizer.ggml.eos_token_id")).intValue()));
    assertEquals(p.tiedEmbeddings(), g.tensors().stream().noneMatch(t -> t.name().equals("output.weight")));
    assertEquals("Q8_0", g.fileType());
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "Q8_0", "Q4_0"})
  void header_everyType_storesMatricesInItAndNormsInF32(GgmlType type) throws IOException {
    GgufFile g = headerOnly(SyntheticPreset.QWEN2_5_0_5B, type, dir);
    assertEquals(type.label().toUpperCase(java.util.Locale.ROOT), g.fileType());
    for (TensorInfo t : g.tensors()) {
      assertEquals(t.dims().length == 1 ? GgmlType.F32 : type, t.type(), t.name());
    }
    assertEquals((long) SyntheticModels.fileType(type), g.metadata().get("general.file_type"));
    assertEquals(type.isQuantized(), g.metadata().containsKey("general.quantization_version"));
  }

  @Test
  void ensure_tiny_writesAValidSyntheticChatMlModelOnce() throws IOException {
    SyntheticPreset p = SyntheticPreset.TINY;
    Path file = SyntheticModels.ensure(p, GgmlType.Q8_0, dir);
    assertEquals(dir.resolve("tiny-q8_0.gguf").toAbsolutePath(), file);
    GgufFile g = GgufFile.read(file);
    assertTrue(g.synthetic());
    assertEquals(ChatTemplate.CHATML, ChatTemplate.detect(g.chatTemplate()));
    assertEquals(p.vocabularySize(), g.vocabularySize());
    assertEquals(p.blockCount(), g.blockCount());
    assertEquals(p.embeddingLength(), g.embeddingLength());
    assertEquals(p.headCountKv(), g.headCountKv());
    assertEquals(shapeParameters(p), g.parameterCount());
    assertEquals(SyntheticModels.writer(p, GgmlType.Q8_0, SyntheticModels.DEFAULT_SEED).fileSize(), g.fileSize());

    FileTime written = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(file, written);
    assertEquals(file, SyntheticModels.ensure(p, GgmlType.Q8_0, dir));
    assertEquals(written, Files.getLastModifiedTime(file), "an existing file is not written again");
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files left");
    }
  }

  @Test
  void ensure_fromManyThreadsAtOnce_givesAllTheSameValidFile() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      java.util.List<java.util.concurrent.Future<Path>> paths = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        paths.add(pool.submit(() -> {
          start.await();
          return SyntheticModels.ensure(SyntheticPreset.TINY, GgmlType.F16, dir);
        }));
      }
      start.countDown();
      Path first = paths.get(0).get();
      for (java.util.concurrent.Future<Path> p : paths) {
        assertEquals(first, p.get());
      }
      assertTrue(GgufFile.read(first).synthetic());
      try (var files = Files.list(dir)) {
        assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files left");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void generate_sameSeed_givesTheSameBytesAndAnotherSeedOthers() throws IOException {
    Path a = SyntheticModels.generate(SyntheticPreset.TINY, GgmlType.Q4_0, 1, dir.resolve("a.gguf"));
    Path b = SyntheticModels.generate(SyntheticPreset.TINY, GgmlType.Q4_0, 1, dir.resolve("b.gguf"));
    Path c = SyntheticModels.generate(SyntheticPreset.TINY, GgmlType.Q4_0, 2, dir.resolve("c.gguf"));
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
  }

  @Test
  void names_presetsAndFiles_areSpelledAsTheCommandLineSpellsThem() {
    assertEquals("qwen2.5-0.5b-q8_0.gguf", SyntheticModels.fileName(SyntheticPreset.QWEN2_5_0_5B, GgmlType.Q8_0));
    assertEquals(Optional.of(SyntheticPreset.LLAMA_3_2_1B), SyntheticPreset.byName("Llama-3.2-1B"));
    assertEquals(Optional.empty(), SyntheticPreset.byName("qwen3"));
    for (SyntheticPreset p : SyntheticPreset.values()) {
      assertEquals(Optional.of(p), SyntheticPreset.byName(p.presetName()));
      assertEquals(p.presetName(), p.toString());
      assertEquals(0, p.embeddingLength() % p.headCount(), p + ": heads divide the embedding");
    }
    assertEquals(Optional.of(GgmlType.Q4_0), GgmlType.byName("q4_0"));
    assertEquals("q4_0", GgmlType.Q4_0.label());
  }

  @Tag("slow")
  @ParameterizedTest
  @EnumSource(value = SyntheticPreset.class, names = {"QWEN2_5_0_5B", "QWEN2_5_1_5B", "LLAMA_3_2_1B", "TINYLLAMA_1_1B"})
  void generate_realPreset_writesTheFileItsHeaderDescribes(SyntheticPreset p) throws IOException {
    Path file = SyntheticModels.generate(p, GgmlType.Q4_0, 3, dir.resolve("big.gguf"));
    try {
      GgufFile g = GgufFile.read(file);
      assertEquals(SyntheticModels.writer(p, GgmlType.Q4_0, 3).fileSize(), Files.size(file));
      assertEquals(shapeParameters(p), g.parameterCount());
      Map<GgmlType, Long> bytes = g.bytesByType();
      assertEquals(g.weightsBytes(), bytes.get(GgmlType.Q4_0) + bytes.get(GgmlType.F32));
    } finally {
      Files.delete(file);
    }
  }
}
