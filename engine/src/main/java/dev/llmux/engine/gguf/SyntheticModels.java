package dev.llmux.engine.gguf;

import dev.llmux.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic GGUF models: random weights in the shape of a real model ({@link SyntheticPreset}),
 * which llama.cpp loads and runs at the real model's speed while printing noise.
 *
 * <p>Weights are drawn from a seed, so a preset, type and seed always give the same file. Matrix
 * weights have a standard deviation of about {@value #WEIGHT_STD} and norms are 1, so activations
 * stay finite. For Q8_0 and Q4_0 the quantized blocks are filled with random bytes under a fixed
 * scale instead of quantizing floats, which writes a 0.5B model in seconds.
 */
public final class SyntheticModels {

  /** The seed {@link #ensure} uses. */
  public static final long DEFAULT_SEED = 42;

  /** The standard deviation of random matrix weights. */
  public static final float WEIGHT_STD = 0.02f;

  private static final Logger log = LoggerFactory.getLogger(SyntheticModels.class);
  private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private SyntheticModels() {}

  /** The file name of a synthetic model, e.g. {@code qwen2.5-0.5b-q8_0.gguf}. */
  public static String fileName(SyntheticPreset preset, GgmlType type) {
    return preset.presetName() + "-" + type.label() + ".gguf";
  }

  /**
   * The path of the synthetic model {@code preset}/{@code type} with {@link #DEFAULT_SEED} in
   * {@code dir}, generating it first if it is missing. Safe to call from several threads and
   * processes at once: a file lock serialises generation and the file appears atomically.
   */
  public static Path ensure(SyntheticPreset preset, GgmlType type, Path dir) {
    checkType(type);
    Path file = dir.resolve(fileName(preset, type)).toAbsolutePath().normalize();
    if (Files.isRegularFile(file)) {
      return file;
    }
    synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
      try {
        Files.createDirectories(dir);
        Path lockFile = dir.resolve("." + file.getFileName() + ".lock");
        try (FileChannel lockChannel =
                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockChannel.lock()) {
          if (!Files.isRegularFile(file)) {
            generate(preset, type, DEFAULT_SEED, file);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create synthetic model " + file, e);
      }
    }
    return file;
  }

  /**
   * Writes the synthetic model {@code preset}/{@code type} drawn from {@code seed} to {@code file}
   * (through a temporary file in the same directory, synced and atomically renamed), replacing any
   * file there; returns {@code file}.
   */
  public static Path generate(SyntheticPreset preset, GgmlType type, long seed, Path file) {
    checkType(type);
    GgufWriter writer = writer(preset, type, seed);
    Path dir = file.toAbsolutePath().getParent();
    long start = System.nanoTime();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(file, writer::write);
      syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write synthetic model " + file, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          log.warn("cannot delete temporary file {}: {}", tmp, e.toString());
        }
      }
    }
    log.info(
        "generated synthetic model {} ({} bytes) in {} ms",
        file,
        writer.fileSize(),
        (System.nanoTime() - start) / 1_000_000);
    return file;
  }

  /** The writer of the synthetic model {@code preset}/{@code type} drawn from {@code seed}. */
  static GgufWriter writer(SyntheticPreset preset, GgmlType type, long seed) {
    checkType(type);
    ChatFormat format = preset.chatFormat();
    SyntheticVocabulary vocabulary = SyntheticVocabulary.build(preset.vocabularySize(), format);
    String arch = preset.architecture();
    GgufWriter w = new GgufWriter();
    w.putString("general.architecture", arch);
    w.putString("general.name", preset.modelName());
    w.putUint32("general.file_type", fileType(type));
    if (type.isQuantized()) {
      w.putUint32("general.quantization_version", 2);
    }
    w.putUint32(arch + ".context_length", preset.contextLength());
    w.putUint32(arch + ".embedding_length", preset.embeddingLength());
    w.putUint32(arch + ".block_count", preset.blockCount());
    w.putUint32(arch + ".feed_forward_length", preset.feedForwardLength());
    w.putUint32(arch + ".attention.head_count", preset.headCount());
    w.putUint32(arch + ".attention.head_count_kv", preset.headCountKv());
    w.putFloat32(arch + ".attention.layer_norm_rms_epsilon", preset.rmsEpsilon());
    w.putFloat32(arch + ".rope.freq_base", preset.ropeFreqBase());
    w.putUint32(arch + ".rope.dimension_count", preset.headDim());
    w.putUint32(arch + ".vocab_size", preset.vocabularySize());
    w.putString("tokenizer.ggml.model", "llama");
    w.putStringArray("tokenizer.ggml.tokens", vocabulary.tokens());
    w.putFloat32Array("tokenizer.ggml.scores", vocabulary.scores());
    w.putInt32Array("tokenizer.ggml.token_type", vocabulary.types());
    w.putUint32("tokenizer.ggml.bos_token_id", vocabulary.id(format.bosToken()));
    w.putUint32("tokenizer.ggml.eos_token_id", vocabulary.id(format.eosToken()));
    w.putUint32("tokenizer.ggml.unknown_token_id", vocabulary.id("<unk>"));
    w.putBool("tokenizer.ggml.add_bos_token", format.addBos());
    w.putBool("tokenizer.ggml.add_eos_token", false);
    w.putString("tokenizer.chat_template", format.template());
    w.putBool("llmux.synthetic", true);
    w.putString("llmux.synthetic.preset", preset.presetName());
    w.putUint64("llmux.synthetic.seed", seed);

    SplittableRandom random = new SplittableRandom(seed);
    long embd = preset.embeddingLength();
    long qDim = (long) preset.headCount() * preset.headDim();
    long kvDim = (long) preset.headCountKv() * preset.headDim();
    long ff = preset.feedForwardLength();
    long vocab = preset.vocabularySize();
    boolean biases = arch.equals("qwen2");
    matrix(w, "token_embd.weight", type, embd, vocab, random);
    w.addTensor("output_norm.weight", GgmlType.F32, new long[] {embd}, constant(1f));
    if (!preset.tiedEmbeddings()) {
      matrix(w, "output.weight", type, embd, vocab, random);
    }
    for (int layer = 0; layer < preset.blockCount(); layer++) {
      String blk = "blk." + layer + ".";
      w.addTensor(blk + "attn_norm.weight", GgmlType.F32, new long[] {embd}, constant(1f));
      matrix(w, blk + "attn_q.weight", type, embd, qDim, random);
      matrix(w, blk + "attn_k.weight", type, embd, kvDim, random);
      matrix(w, blk + "attn_v.weight", type, embd, kvDim, random);
      if (biases) {
        vector(w, blk + "attn_q.bias", qDim, random);
        vector(w, blk + "attn_k.bias", kvDim, random);
        vector(w, blk + "attn_v.bias", kvDim, random);
      }
      matrix(w, blk + "attn_output.weight", type, qDim, embd, random);
      w.addTensor(blk + "ffn_norm.weight", GgmlType.F32, new long[] {embd}, constant(1f));
      matrix(w, blk + "ffn_gate.weight", type, embd, ff, random);
      matrix(w, blk + "ffn_up.weight", type, embd, ff, random);
      matrix(w, blk + "ffn_down.weight", type, ff, embd, random);
    }
    return w;
  }

  /** The llama.cpp file type (llama_ftype) of a model whose matrices are {@code type}. */
  static int fileType(GgmlType type) {
    return switch (type) {
      case F32 -> 0;
      case F16 -> 1;
      case Q4_0 -> 2;
      case Q8_0 -> 7;
      default -> throw new IllegalArgumentException("no synthetic models of type " + type.label());
    };
  }

  private static void checkType(GgmlType type) {
    if (!TensorCodec.canEncode(type)) {
      throw new IllegalArgumentException(
          "synthetic models are f32, f16, q8_0 or q4_0, not " + type.label());
    }
  }

  private static void matrix(
      GgufWriter w, String name, GgmlType type, long cols, long rows, SplittableRandom random) {
    w.addTensor(name, type, new long[] {cols, rows}, randomData(type, random.split()));
  }

  private static void vector(GgufWriter w, String name, long length, SplittableRandom random) {
    w.addTensor(name, GgmlType.F32, new long[] {length}, randomData(GgmlType.F32, random.split()));
  }

  private static GgufWriter.TensorData constant(float value) {
    return out -> {
      while (out.hasRemaining()) {
        out.putFloat(value);
      }
    };
  }

  /** Random data with a standard deviation of about {@link #WEIGHT_STD}. */
  static GgufWriter.TensorData randomData(GgmlType type, SplittableRandom random) {
    float halfWidth = (float) (WEIGHT_STD * Math.sqrt(3));
    return switch (type) {
      case F32 -> out -> {
        while (out.hasRemaining()) {
          out.putFloat((random.nextFloat() * 2 - 1) * halfWidth);
        }
      };
      case F16 -> out -> {
        while (out.hasRemaining()) {
          out.putShort(Half.fromFloat((random.nextFloat() * 2 - 1) * halfWidth));
        }
      };
      // int8 uniform over [-128, 127] has a standard deviation of about 73.9
      case Q8_0 -> blocks(Half.fromFloat(WEIGHT_STD / 73.9f), 4, random);
      // nibble - 8 uniform over [-8, 7] has a standard deviation of about 4.61
      case Q4_0 -> blocks(Half.fromFloat(WEIGHT_STD / 4.61f), 2, random);
      default -> throw new IllegalArgumentException("no random data of type " + type.label());
    };
  }

  private static GgufWriter.TensorData blocks(short scale, int longs, SplittableRandom random) {
    return out -> {
      while (out.hasRemaining()) {
        out.putShort(scale);
        for (int i = 0; i < longs; i++) {
          out.putLong(random.nextLong());
        }
      }
    };
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("cannot sync directory {}: {}", dir, e.toString());
    }
  }
}
