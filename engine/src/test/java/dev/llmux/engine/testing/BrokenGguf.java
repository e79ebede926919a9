package dev.llmux.engine.testing;

import dev.llmux.engine.gguf.GgmlType;
import dev.llmux.engine.gguf.GgufValueType;
import dev.llmux.engine.gguf.ModelFormatException;
import dev.llmux.engine.testing.RawGguf.Arr;
import dev.llmux.engine.testing.RawGguf.Le;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A corpus of broken GGUF files, each made from one valid tiny model by one defect: truncations
 * all through the header and inside the tensor data, bad magic and versions, hostile counts and
 * lengths, unknown types, bad dimensions and offsets, duplicates, and models that are well-formed
 * GGUF but miss what llama.cpp requires. Every case must end as a {@link ModelFormatException};
 * each records the problem its message must name and the byte offset it must report. Shared with
 * other modules (the CLI tests) through the engine's test jar.
 */
public final class BrokenGguf {

  /** {@link Case#offset} when the case does not pin the offset, only that there is one. */
  public static final long ANY_OFFSET = -2;

  /** The number of cut points spread over the header. */
  static final int HEADER_CUTS = 40;

  /**
   * One broken file.
   *
   * @param name what is wrong, as a short file-name-safe id ({@code version-4})
   * @param file the file
   * @param problem text the error message must contain, or empty when any message will do
   * @param offset the byte offset the error must report; -1 for problems of the whole file (a
   *     missing key), {@link #ANY_OFFSET} for any offset of at least 0
   */
  public record Case(String name, Path file, String problem, long offset) {}

  private BrokenGguf() {}

  /** Writes every broken file into {@code dir} and returns the cases by name, in a fixed order. */
  public static Map<String, Case> writeAll(Path dir) {
    Map<String, Case> cases = new LinkedHashMap<>();
    new Writer(dir, cases).all();
    return Collections.unmodifiableMap(cases);
  }

  /** The valid model every case breaks, written to {@code file}. */
  public static Path writeValid(Path file) {
    write(file, TinyGguf.raw().bytes());
    return file;
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the cases. */
  private static final class Writer {
    private final Path dir;
    private final Map<String, Case> cases;

    Writer(Path dir, Map<String, Case> cases) {
      this.dir = dir;
      this.cases = cases;
    }

    private void add(String name, byte[] bytes, String problem, long offset) {
      Path file = dir.resolve(name + ".gguf");
      write(file, bytes);
      if (cases.put(name, new Case(name, file, problem, offset)) != null) {
        throw new IllegalStateException("duplicate case " + name);
      }
    }

    /** Adds a case made by {@code change} on the valid model; {@code offset} is computed after it. */
    private void model(String name, Consumer<RawGguf> change, String problem,
        java.util.function.ToLongFunction<RawGguf> offset) {
      RawGguf m = TinyGguf.raw();
      change.accept(m);
      byte[] bytes = m.bytes();
      add(name, bytes, problem, offset.applyAsLong(m));
    }

    private void all() {
      RawGguf valid = TinyGguf.raw();
      byte[] good = valid.bytes();
      add("empty", new byte[0], "has 0 bytes", 0);
      long header = valid.headerLength();
      for (int i = 1; i <= HEADER_CUTS; i++) {
        int cut = (int) (header * i / (HEADER_CUTS + 1));
        add("cut-header-" + cut, Arrays.copyOf(good, cut), "", ANY_OFFSET);
      }
      add("cut-header-end", Arrays.copyOf(good, (int) header), "truncated", ANY_OFFSET);
      for (String t : List.of("token_embd.weight", "blk.0.attn_q.weight", "blk.0.ffn_norm.weight",
          "blk.0.ffn_down.weight")) {
        int i = valid.tensorIndex(t);
        long start = valid.dataOffset() + autoOffset(valid, i);
        long cut = start + valid.tensors.get(i).dataBytes() / 2;
        add("cut-data-" + t.replace(".weight", ""), Arrays.copyOf(good, (int) cut), "truncated",
            valid.offsetPosition(i));
      }
      int last = valid.tensors.size() - 1;
      long end = valid.dataOffset() + autoOffset(valid, last) + valid.tensors.get(last).dataBytes();
      add("cut-last-data-byte", Arrays.copyOf(good, (int) end - 1), "truncated", valid.offsetPosition(last));

      byte[] magic = good.clone();
      magic[0] = 'g';
      add("wrong-magic", magic, "wrong magic number", 0);
      add("not-gguf-text", "this is a text file, not a model at all".getBytes(), "wrong magic number", 0);
      model("version-1", m -> m.version = 1, "unsupported GGUF version 1", m -> 4);
      model("version-4", m -> m.version = 4, "unsupported GGUF version 4", m -> 4);
      model("tensor-count-2p60", m -> m.tensorCount = 1L << 60, "tensor count", m -> 8);
      model("kv-count-2p60", m -> m.kvCount = 1L << 60, "metadata count", m -> 16);
      model("kv-count-too-small", m -> m.kvCount = (long) m.kvs.size() - 1, "", ANY);
      model("kv-count-0", m -> m.kvCount = 0L, "tensor #0 is metadata key 'general.architecture', not a tensor"
          + " description: the header declares 0 metadata entries", m -> m.kvPosition(0));
      model("kv-count-half", m -> m.kvCount = (long) m.kvs.size() / 2, "fewer than it holds",
          m -> m.kvPosition(m.kvs.size() / 2));

      // key/value section
      model("key-length-2p63", m -> m.kvs.get(0).keyField = new Le().u64(0x8000_0000_0000_0005L).toByteArray(),
          "far beyond", m -> m.kvPosition(0));
      model("key-length-2p40", m -> m.kvs.get(0).keyField = new Le().u64(1L << 40).u8('g').toByteArray(),
          "bytes are left", m -> m.kvPosition(0));
      model("key-too-long", m -> m.put("x".repeat(70_000), GgufValueType.UINT8, 1), "at most 65535",
          m -> m.kvPosition(m.kvs.size() - 1));
      model("key-empty", m -> m.put("", GgufValueType.UINT8, 1), "is empty", m -> m.kvPosition(m.kvs.size() - 1));
      model("key-duplicate", m -> m.put("llama.block_count", GgufValueType.UINT32, 1), "appears twice",
          m -> m.kvPosition(m.kvs.size() - 1));
      model("key-duplicate-with-newline", m -> {
        m.put("evil\nkey", GgufValueType.UINT8, 1);
        m.put("evil\nkey", GgufValueType.UINT8, 1);
      }, "appears twice", m -> m.kvPosition(m.kvs.size() - 1));
      model("string-length-2p40", m -> m.setRaw("general.name", new Le().u32(GgufValueType.STRING.id()).u64(1L << 40)
          .toByteArray()), "bytes are left", m -> m.valuePosition("general.name") + 4);
      model("array-length-2p40", m -> m.setRaw("tokenizer.ggml.tokens", new Le().u32(GgufValueType.ARRAY.id())
          .u32(GgufValueType.STRING.id()).u64(1L << 40).toByteArray()), "claims",
          m -> m.valuePosition("tokenizer.ggml.tokens") + 8);
      model("array-length-2p63", m -> m.setRaw("tokenizer.ggml.scores", new Le().u32(GgufValueType.ARRAY.id())
          .u32(GgufValueType.UINT8.id()).u64(-1L).toByteArray()), "far beyond",
          m -> m.valuePosition("tokenizer.ggml.scores") + 8);
      model("value-type-unknown", m -> m.setRaw("general.name", new Le().u32(13).u64(0).toByteArray()),
          "unknown value type 13", m -> m.valuePosition("general.name"));
      model("value-type-2p32-1", m -> m.setRaw("general.name", new Le().u32(0xffff_ffffL).u64(0).toByteArray()),
          "unknown value type 4294967295", m -> m.valuePosition("general.name"));
      model("array-element-type-unknown", m -> m.setRaw("tokenizer.ggml.scores", new Le().u32(GgufValueType.ARRAY.id())
          .u32(99).u64(0).toByteArray()), "unknown element type 99", m -> m.valuePosition("tokenizer.ggml.scores") + 4);
      model("array-of-arrays", m -> m.put("x.nested", GgufValueType.ARRAY, new Arr(GgufValueType.ARRAY, List.of(
          new Arr(GgufValueType.INT32, List.of(1, 2)), new Arr(GgufValueType.INT32, List.of(3))))), "array of arrays",
          m -> m.valuePosition("x.nested") + 4);
      model("bool-2", m -> m.set("tokenizer.ggml.add_bos_token", GgufValueType.BOOL, 2), "bool with value 2",
          m -> m.valuePosition("tokenizer.ggml.add_bos_token") + 4);
      model("bool-in-array-255", m -> m.put("x.flags", GgufValueType.ARRAY, new Arr(GgufValueType.BOOL,
          List.of(true, 255))), "bool with value 255", m -> m.valuePosition("x.flags") + 4 + 4 + 8 + 1);
      model("alignment-3", m -> m.set("general.alignment", GgufValueType.UINT32, 3), "general.alignment is 3",
          m -> m.kvPosition(m.indexOf("general.alignment")));
      model("alignment-0", m -> m.set("general.alignment", GgufValueType.UINT32, 0), "general.alignment is 0",
          m -> m.kvPosition(m.indexOf("general.alignment")));
      model("alignment-string", m -> m.set("general.alignment", GgufValueType.STRING, "32\nor so"),
          "general.alignment is", m -> m.kvPosition(m.indexOf("general.alignment")));

      // tensor descriptions
      int q = valid.tensorIndex("blk.0.attn_q.weight");
      model("tensor-name-empty", m -> m.tensors.get(q).nameField = RawGguf.string(""), "names must have",
          m -> m.tensorPosition(q));
      model("tensor-name-64-bytes", m -> m.tensors.get(q).nameField = RawGguf.string("n".repeat(64)),
          "names must have", m -> m.tensorPosition(q));
      model("tensor-name-long-with-newlines", m -> m.tensors.get(q).nameField = RawGguf.string("line\n".repeat(800)),
          "names must have", m -> m.tensorPosition(q));
      model("tensor-name-duplicate", m -> m.tensors.get(q + 1).nameField = RawGguf.string("blk.0.attn_q.weight"),
          "appears twice", m -> m.tensorPosition(q + 1));
      model("tensor-dims-0", m -> m.tensors.get(q).nDims = 0, "1 to 4 are allowed", m -> m.nDimsPosition(q));
      model("tensor-dims-5", m -> m.tensors.get(q).nDims = 5, "1 to 4 are allowed", m -> m.nDimsPosition(q));
      model("tensor-dim-zero", m -> m.tensors.get(q).dims[1] = 0, "of size 0", m -> m.dimPosition(q, 1));
      model("tensor-dim-2p63", m -> m.tensors.get(q).dims[1] = Long.MIN_VALUE, "far beyond", m -> m.dimPosition(q, 1));
      model("tensor-dims-overflow", m -> {
        m.tensors.get(q).dims[0] = 1L << 32;
        m.tensors.get(q).dims[1] = 1L << 32;
      }, "multiply beyond", m -> m.dimPosition(q, 1));
      model("tensor-bytes-overflow", m -> {
        m.tensors.get(q).typeId = GgmlType.F32.id();
        m.tensors.get(q).dims[0] = 1L << 31;
        m.tensors.get(q).dims[1] = 1L << 31;
      }, "too large", m -> m.nDimsPosition(q));
      model("tensor-type-removed-4", m -> m.tensors.get(q).typeId = 4, "unknown type id 4", m -> m.typePosition(q));
      model("tensor-type-99", m -> m.tensors.get(q).typeId = 99, "unknown type id 99", m -> m.typePosition(q));
      model("tensor-row-not-whole-blocks", m -> m.tensors.get(q).dims[0] = 16, "block size 32", m -> m.nDimsPosition(q));
      model("tensor-offset-misaligned", m -> m.tensors.get(q).offset = 8L, "not a multiple of the alignment",
          m -> m.offsetPosition(q));
      model("tensor-offset-outside-file", m -> m.tensors.get(q).offset = 1L << 40, "the offset is wrong",
          m -> m.offsetPosition(q));
      model("tensor-offset-near-2p63", m -> m.tensors.get(q).offset = Long.MAX_VALUE & ~31L,
          "the offset is wrong", m -> m.offsetPosition(q));
      // complete files (every tensor's data written) whose header then got one wrong number: each
      // message must name the wrong field, not a truncation
      int lastT = valid.tensors.size() - 1;
      add("tensor-offset-last-far-past-end", patched(good, valid.offsetPosition(lastT), autoOffset(valid, lastT) + (1L << 20)),
          "has data offset " + (autoOffset(valid, lastT) + (1L << 20)) + ", beyond the end of the file",
          valid.offsetPosition(lastT));
      add("tensor-offset-last-just-past-end", patched(good, valid.offsetPosition(lastT), autoOffset(valid, lastT) + 4096),
          "the offset is wrong", valid.offsetPosition(lastT));
      int lastDims = valid.tensors.get(lastT).dims.length;
      add("tensor-dim-absurd-last", patched(good, valid.dimPosition(lastT, lastDims - 1), 1L << 30),
          "a dimension is wrong", valid.nDimsPosition(lastT));
      add("tensor-dim-absurd-middle", patched(good, valid.dimPosition(q, 1), 1L << 20), "a shape or an offset is wrong",
          valid.offsetPosition(q + 1));
      add("tensor-dim-doubled-middle", patched(good, valid.dimPosition(q, 1), valid.tensors.get(q).dims[1] * 2),
          "overlaps the data of 'blk.0.attn_q.weight'", valid.offsetPosition(q + 1));
      model("tensors-overlap", m -> m.tensors.get(q + 1).offset = autoOffset(m, q), "overlaps",
          m -> m.offsetPosition(q + 1));

      // well-formed GGUF that is not a model llama.cpp can load
      model("missing-architecture", m -> m.remove("general.architecture"), "general.architecture", m -> -1);
      model("architecture-unknown", m -> m.set("general.architecture", GgufValueType.STRING, "llama9"),
          "unknown architecture \"llama9\": llama.cpp b4916 cannot load it", m -> m.kvPosition(m.indexOf("general.architecture")));
      model("architecture-unknown-with-its-keys", m -> {
        m.set("general.architecture", GgufValueType.STRING, "qwen3");
        m.put("qwen3.block_count", GgufValueType.UINT32, 1);
      }, "unknown architecture \"qwen3\"", m -> m.kvPosition(m.indexOf("general.architecture")));
      model("architecture-not-string", m -> m.set("general.architecture", GgufValueType.UINT32, 7),
          "general.architecture", m -> -1);
      model("missing-block-count", m -> m.remove("llama.block_count"), "llama.block_count is missing", m -> -1);
      model("block-count-0", m -> m.set("llama.block_count", GgufValueType.UINT32, 0), "from 1 to 10000",
          m -> m.kvPosition(m.indexOf("llama.block_count")));
      model("block-count-huge-array", m -> m.set("llama.block_count", GgufValueType.ARRAY, new Arr(GgufValueType.STRING,
          Collections.nCopies(2000, "many\nlines"))), "llama.block_count is",
          m -> m.kvPosition(m.indexOf("llama.block_count")));
      model("missing-embedding-length", m -> m.remove("llama.embedding_length"), "llama.embedding_length is missing",
          m -> -1);
      model("missing-context-length", m -> m.remove("llama.context_length"), "llama.context_length is missing", m -> -1);
      model("missing-feed-forward-length", m -> m.remove("llama.feed_forward_length"),
          "llama.feed_forward_length is missing", m -> -1);
      model("missing-head-count", m -> m.remove("llama.attention.head_count"), "llama.attention.head_count is missing",
          m -> -1);
      model("missing-rms-epsilon", m -> m.remove("llama.attention.layer_norm_rms_epsilon"), "layer_norm_rms_epsilon",
          m -> -1);
      model("missing-tokens", m -> m.remove("tokenizer.ggml.tokens"), "tokenizer.ggml.tokens", m -> -1);
      model("tokens-empty", m -> m.set("tokenizer.ggml.tokens", GgufValueType.ARRAY, new Arr(GgufValueType.STRING,
          List.of())), "tokenizer.ggml.tokens", m -> -1);
      model("tokens-not-strings", m -> m.set("tokenizer.ggml.tokens", GgufValueType.ARRAY, new Arr(GgufValueType.INT32,
          TinyGguf.TYPES)), "tokenizer.ggml.tokens", m -> -1);
      model("missing-tokenizer-model", m -> m.remove("tokenizer.ggml.model"), "tokenizer.ggml.model", m -> -1);
      int n = TinyGguf.TOKENS.size();
      model("token-type-short", m -> m.set("tokenizer.ggml.token_type", GgufValueType.ARRAY,
          new Arr(GgufValueType.INT32, TinyGguf.TYPES.subList(0, n - 1))),
          "one value per token (" + n + "), found " + (n - 1), m -> m.kvPosition(m.indexOf("tokenizer.ggml.token_type")));
      model("scores-long", m -> m.set("tokenizer.ggml.scores", GgufValueType.ARRAY,
          new Arr(GgufValueType.FLOAT32, Collections.nCopies(n + 1, 0f))),
          "one value per token (" + n + "), found " + (n + 1), m -> m.kvPosition(m.indexOf("tokenizer.ggml.scores")));
      int word = TinyGguf.TOKENS.indexOf("\u2581ab");
      List<String> dup = replaced(word, "\u2581b");
      model("token-duplicate", m -> m.set("tokenizer.ggml.tokens", GgufValueType.ARRAY, new Arr(GgufValueType.STRING, dup)),
          "token " + word + " \"\u2581b\" repeats token " + (word - 2),
          m -> m.valuePosition("tokenizer.ggml.tokens") + 16 + stringBytes(dup, word));
      List<String> empty = replaced(word - 1, "[EMPTY_" + word + "]", word, "");
      model("token-empty-named-like-another", m -> m.set("tokenizer.ggml.tokens", GgufValueType.ARRAY,
          new Arr(GgufValueType.STRING, empty)), "repeats token " + (word - 1),
          m -> m.valuePosition("tokenizer.ggml.tokens") + 16 + stringBytes(empty, word));
      model("token-missing-for-byte-0x68", m -> m.set("tokenizer.ggml.tokens", GgufValueType.ARRAY,
          new Arr(GgufValueType.STRING, replaced(TinyGguf.TOKENS.indexOf("<0x68>"), "\u2581h"))), "no token for byte 0x68",
          m -> m.kvPosition(m.indexOf("tokenizer.ggml.tokens")));
      model("scores-strings", m -> m.set("tokenizer.ggml.scores", GgufValueType.ARRAY, new Arr(GgufValueType.STRING,
          Collections.nCopies(n, "0"))), "must be an array of float32",
          m -> m.kvPosition(m.indexOf("tokenizer.ggml.scores")));
      model("scores-scalar", m -> m.set("tokenizer.ggml.scores", GgufValueType.FLOAT32, 0f), "found a single 0.0",
          m -> m.kvPosition(m.indexOf("tokenizer.ggml.scores")));
      model("token-type-uint8", m -> m.set("tokenizer.ggml.token_type", GgufValueType.ARRAY,
          new Arr(GgufValueType.UINT8, Collections.nCopies(n, 1))), "must be an array of int32",
          m -> m.kvPosition(m.indexOf("tokenizer.ggml.token_type")));
      model("merges-not-strings", m -> m.put("tokenizer.ggml.merges", GgufValueType.ARRAY,
          new Arr(GgufValueType.INT32, List.of(1, 2))), "tokenizer.ggml.merges must be an array of strings",
          m -> m.kvPosition(m.indexOf("tokenizer.ggml.merges")));
      model("bos-outside-vocabulary", m -> m.set("tokenizer.ggml.bos_token_id", GgufValueType.UINT32, n),
          "outside the vocabulary", m -> m.kvPosition(m.indexOf("tokenizer.ggml.bos_token_id")));
      model("eos-negative", m -> m.set("tokenizer.ggml.eos_token_id", GgufValueType.INT32, -1),
          "outside the vocabulary", m -> m.kvPosition(m.indexOf("tokenizer.ggml.eos_token_id")));
      model("head-count-not-dividing", m -> m.set("llama.attention.head_count", GgufValueType.UINT32, 5),
          "not a multiple of head_count 5", m -> m.kvPosition(m.indexOf("llama.attention.head_count")));
      model("kv-heads-not-dividing", m -> m.set("llama.attention.head_count_kv", GgufValueType.UINT32, 3),
          "not a multiple of head_count_kv 3", m -> m.kvPosition(m.indexOf("llama.attention.head_count_kv")));
      model("kv-heads-above-heads", m -> m.set("llama.attention.head_count_kv", GgufValueType.UINT32, 8),
          "from 1 to 4", m -> m.kvPosition(m.indexOf("llama.attention.head_count_kv")));
      model("missing-tensor", m -> m.tensors.remove(m.tensorIndex("blk.0.ffn_down.weight")),
          "blk.0.ffn_down.weight is missing", m -> -1);
      model("missing-output-norm", m -> m.tensors.remove(m.tensorIndex("output_norm.weight")),
          "output_norm.weight is missing", m -> -1);
      model("token-embd-wrong-shape", m -> m.tensor("token_embd.weight").dims[1] = n - 1, "has shape [32, " + (n - 1) + "]",
          m -> m.tensorPosition(m.tensorIndex("token_embd.weight")));
    }

    private static final java.util.function.ToLongFunction<RawGguf> ANY = m -> ANY_OFFSET;

    /** {@code bytes} with the 64-bit little-endian field at {@code position} set to {@code value}. */
    private static byte[] patched(byte[] bytes, long position, long value) {
      byte[] copy = bytes.clone();
      for (int i = 0; i < 8; i++) {
        copy[(int) position + i] = (byte) (value >>> (8 * i));
      }
      return copy;
    }

    /** The valid vocabulary with token {@code i} replaced by {@code text} (and so on, in pairs). */
    private static List<String> replaced(Object... pairs) {
      List<String> tokens = new java.util.ArrayList<>(TinyGguf.TOKENS);
      for (int i = 0; i < pairs.length; i += 2) {
        tokens.set((Integer) pairs[i], (String) pairs[i + 1]);
      }
      return tokens;
    }

    /** The bytes the first {@code n} of {@code tokens} take in the file. */
    private static long stringBytes(List<String> tokens, int n) {
      long bytes = 0;
      for (String t : tokens.subList(0, n)) {
        bytes += 8 + t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      }
      return bytes;
    }

    /** The data offset the layout gives tensor #{@code i}. */
    private static long autoOffset(RawGguf m, int i) {
      long offset = 0;
      for (int j = 0; j < i; j++) {
        offset = (offset + m.tensors.get(j).dataBytes() + m.alignment - 1) / m.alignment * m.alignment;
      }
      return offset;
    }
  }
}
