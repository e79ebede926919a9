package dev.llmux.engine.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A GGUF model file, validated completely before anything else may use it.
 *
 * <p>{@link #read} checks the magic, version, counts, every key/value (types, lengths, no arrays
 * of arrays), every tensor description (name, dimensions, type, alignment), that all tensor data
 * lies inside the file without overlapping, and that the keys and tensors llama.cpp requires for
 * known architectures are present and consistent (unique tokens, a token for every byte in
 * SentencePiece vocabularies, per-token arrays of the right type and length, token ids, head
 * counts), since llama.cpp aborts the process on some of those.
 * It reads only the header: tensor data is never loaded. Any problem is a {@link
 * ModelFormatException} naming the file, the byte offset and the problem in one line, showing at
 * most a short, escaped excerpt of any text from the file.
 */
public final class GgufFile {

  /** The magic number "GGUF" read as a little-endian 32-bit value. */
  static final long MAGIC = 0x46554747L;

  private static final long MAX_STRING = 64L << 20;
  /** The most elements one array may have: far above real vocabularies (about 260k tokens). */
  private static final long MAX_ARRAY = 1L << 24;
  private static final int MAX_TENSOR_NAME = 63;
  /** The most characters of text from the file one error message shows. */
  private static final int MAX_SHOWN = 80;
  private static final Set<String> LLAMA_LIKE = Set.of("llama", "qwen2", "mistral", "granite");
  /** The architectures llama.cpp b4916 knows (its LLM_ARCH_NAMES). */
  static final Set<String> ARCHITECTURES = Set.of("llama", "deci", "falcon", "grok", "gpt2", "gptj", "gptneox", "mpt",
      "baichuan", "starcoder", "refact", "bert", "nomic-bert", "jina-bert-v2", "bloom", "stablelm", "qwen", "qwen2",
      "qwen2moe", "qwen2vl", "phi2", "phi3", "phimoe", "plamo", "codeshell", "orion", "internlm2", "minicpm", "minicpm3",
      "gemma", "gemma2", "gemma3", "starcoder2", "mamba", "xverse", "command-r", "cohere2", "dbrx", "olmo", "olmo2",
      "olmoe", "openelm", "arctic", "deepseek", "deepseek2", "chatglm", "bitnet", "t5", "t5encoder", "jais", "nemotron",
      "exaone", "rwkv6", "rwkv6qwen2", "rwkv7", "arwkv7", "granite", "granitemoe", "chameleon", "wavtokenizer-dec");

  private final Path path;
  private final int version;
  private final long fileSize;
  private final long alignment;
  private final long dataOffset;
  private final Map<String, Object> metadata;
  private final List<TensorInfo> tensors;

  private GgufFile(Path path, int version, long fileSize, long alignment, long dataOffset, Map<String, Object> metadata,
      List<TensorInfo> tensors) {
    this.path = path;
    this.version = version;
    this.fileSize = fileSize;
    this.alignment = alignment;
    this.dataOffset = dataOffset;
    this.metadata = Collections.unmodifiableMap(metadata);
    this.tensors = List.copyOf(tensors);
  }

  /**
   * Reads and validates a GGUF file's header.
   *
   * @throws ModelFormatException when the file is missing, unreadable, or not a valid model
   */
  public static GgufFile read(Path path) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(path, -1, "no such file; check the path, or make a synthetic model with"
          + " 'llmux models synth'");
    } catch (AccessDeniedException e) {
      throw new ModelFormatException(path, -1, "permission denied: " + whoMayNot(path, "look up"));
    } catch (IOException e) {
      throw new ModelFormatException(path, -1, "cannot read the file: " + e.getMessage());
    }
    if (attrs.isDirectory()) {
      throw new ModelFormatException(path, -1, "is a directory, not a GGUF model file");
    }
    if (!attrs.isRegularFile()) {
      // Opening a named pipe would wait for a writer forever, and a device has no end: refuse both
      // before opening anything.
      throw new ModelFormatException(path, -1, "is " + kindOf(path) + ", not a regular file: give the path of a GGUF"
          + " model file");
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return parse(path, ch, ch.size());
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(path, -1, "no such file; check the path, or make a synthetic model with"
          + " 'llmux models synth'");
    } catch (IOException e) {
      throw readFailure(path, e);
    }
  }

  /** The error for a file that exists but cannot be read, naming a denied permission as such. */
  static ModelFormatException readFailure(Path path, IOException e) {
    if (e instanceof AccessDeniedException) {
      return new ModelFormatException(path, -1, "permission denied: " + whoMayNot(path, "read"));
    }
    return new ModelFormatException(path, -1, "cannot read the file: " + e.getMessage());
  }

  /** "the user U may not read it (mode ..., owner ...)", with what can be found out. */
  private static String whoMayNot(Path path, String verb) {
    StringBuilder b = new StringBuilder("the user " + System.getProperty("user.name") + " may not " + verb + " it");
    try {
      String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
      String owner = Files.getOwner(path).getName();
      b.append(" (mode ").append(mode).append(", owner ").append(owner).append(")");
    } catch (IOException | UnsupportedOperationException e) {
      // the folder above is closed too, or not a POSIX file system: say what we know
    }
    return b.append("; change its permissions or run llmux as a user who may read it").toString();
  }

  /** What kind of thing a non-regular, non-directory path is, in words. */
  static String kindOf(Path path) {
    try {
      int type = ((Number) Files.getAttribute(path, "unix:mode")).intValue() & 0170000;
      return switch (type) {
        case 0010000 -> "a named pipe (FIFO)";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
  }

  private static GgufFile parse(Path path, FileChannel ch, long size) {
    GgufInput in = new GgufInput(path, ch, size);
    if (size < 24) {
      throw in.error(0, "the file has " + size + " bytes, too few for a GGUF header (24 bytes)");
    }
    long magic = in.u32("the magic number");
    if (magic != MAGIC) {
      throw in.error(0, String.format("wrong magic number 0x%08x: not a GGUF file (GGUF files start with \"GGUF\")", magic));
    }
    long version = in.u32("the version");
    if (version != 2 && version != 3) {
      throw in.error(4, "unsupported GGUF version " + version + "; llama.cpp b4916 reads versions 2 and 3");
    }
    long tensorCount = in.u64("the tensor count");
    long kvCount = in.u64("the metadata count");
    // Each key/value takes at least 13 bytes (key length, one key byte, type, smallest value) and
    // each tensor description at least 33: counts beyond what the file can hold are hostile.
    if (kvCount > in.remaining() / 13) {
      throw in.error(16, "the metadata count " + kvCount + " is more than the " + in.remaining() + " bytes left can hold");
    }
    if (tensorCount > in.remaining() / 33) {
      throw in.error(8, "the tensor count " + tensorCount + " is more than the " + in.remaining() + " bytes left can hold");
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    Map<String, Long> keyOffsets = new LinkedHashMap<>();
    Map<String, GgufValueType> elementTypes = new HashMap<>();
    for (long i = 0; i < kvCount; i++) {
      long at = in.position();
      String key = in.string("metadata key #" + i, 65_535);
      String shown = show(key);
      if (key.isEmpty()) {
        throw in.error(at, "metadata key #" + i + " is empty");
      }
      if (meta.containsKey(key)) {
        throw in.error(at, "metadata key '" + shown + "' appears twice");
      }
      long typeAt = in.position();
      long typeId = in.u32("the type of '" + shown + "'");
      GgufValueType type = GgufValueType.byId(typeId)
          .orElseThrow(() -> in.error(typeAt, "metadata key '" + shown + "' has unknown value type " + typeId));
      meta.put(key, type == GgufValueType.ARRAY ? array(in, key, shown, elementTypes) : scalar(in, type, shown));
      keyOffsets.put(key, at);
    }
    long alignment = 32;
    Object a = meta.get("general.alignment");
    if (a != null) {
      if (!(a instanceof Long al) || al <= 0 || al > (1 << 20) || (al & (al - 1)) != 0) {
        throw in.error(keyOffsets.get("general.alignment"), "general.alignment is " + showValue(a) + "; it must be a"
            + " power of two up to 1048576");
      }
      alignment = al;
    }
    List<TensorInfo> tensors = new ArrayList<>();
    Map<String, Long> tensorOffsets = new HashMap<>();
    Map<String, Long> offsetFields = new HashMap<>();
    Map<String, Long> dimsFields = new HashMap<>();
    for (long i = 0; i < tensorCount; i++) {
      long at = in.position();
      String name = in.string("the name of tensor #" + i, 4096);
      if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TENSOR_NAME) {
        throw in.error(at, "tensor #" + i + " has name '" + show(name) + "'; names must have 1 to " + MAX_TENSOR_NAME
            + " bytes");
      }
      String shownName = show(name);
      if (tensorOffsets.putIfAbsent(name, at) != null) {
        throw in.error(at, "tensor '" + shownName + "' appears twice");
      }
      long dimsAt = in.position();
      long nDims = in.u32("the dimension count of '" + shownName + "'");
      if (nDims < 1 || nDims > 4) {
        String key = i == 0 ? metadataKeyAt(in, at, meta.get("general.architecture")) : null;
        if (key != null) {
          throw in.error(at, "tensor #" + i + " is metadata key '" + show(key) + "', not a tensor description: the header"
              + " declares " + kvCount + " metadata entries, fewer than it holds");
        }
        throw in.error(dimsAt, "tensor '" + shownName + "' has " + nDims + " dimensions; 1 to 4 are allowed");
      }
      long[] dims = new long[(int) nDims];
      long elements = 1;
      for (int d = 0; d < nDims; d++) {
        long dimAt = in.position();
        dims[d] = in.u64("dimension " + d + " of '" + shownName + "'");
        if (dims[d] < 1) {
          throw in.error(dimAt, "tensor '" + shownName + "' has dimension " + d + " of size 0");
        }
        try {
          elements = Math.multiplyExact(elements, dims[d]);
        } catch (ArithmeticException e) {
          throw in.error(dimAt, "the dimensions of tensor '" + shownName + "' multiply beyond 2^63 elements");
        }
      }
      long typeAt = in.position();
      long typeId = in.u32("the type of '" + shownName + "'");
      GgmlType type = GgmlType.byId(typeId)
          .orElseThrow(() -> in.error(typeAt, "tensor '" + shownName + "' has unknown type id " + typeId));
      if (dims[0] % type.blockSize() != 0) {
        throw in.error(dimsAt, "tensor '" + shownName + "' of type " + type.label() + " has rows of " + dims[0]
            + " elements, not a multiple of its block size " + type.blockSize());
      }
      long offAt = in.position();
      long offset = in.u64("the data offset of '" + shownName + "'");
      if (offset % alignment != 0) {
        throw in.error(offAt, "tensor '" + shownName + "' has data offset " + offset + ", not a multiple of the alignment "
            + alignment);
      }
      long bytes = elements / type.blockSize() * type.typeSize();
      if (bytes / type.typeSize() != elements / type.blockSize()) {
        throw in.error(dimsAt, "tensor '" + shownName + "' is too large");
      }
      tensors.add(new TensorInfo(name, type, dims, offset, bytes));
      offsetFields.put(name, offAt);
      dimsFields.put(name, dimsAt);
    }
    long headerEnd = in.position();
    long dataOffset = (headerEnd + alignment - 1) / alignment * alignment;
    if (tensorCount > 0 && dataOffset > size) {
      throw in.error(headerEnd, "the data section would start at " + dataOffset + ", beyond the end of the file (" + size
          + " bytes): the file is truncated");
    }
    List<TensorInfo> byOffset = new ArrayList<>(tensors);
    byOffset.sort(Comparator.comparingLong(TensorInfo::offset));
    // Overlaps first: two tensors running into each other name a wrong shape or offset, which a
    // check against the end of the file would report as a truncation.
    // Errors point at the tensor's data offset field: the data itself may lie anywhere, even past 2^63.
    TensorInfo previous = null;
    long declared = 0;
    for (TensorInfo t : byOffset) {
      if (previous != null && t.offset() - previous.offset() < previous.bytes()) {
        throw in.error(offsetFields.get(t.name()), "the data of tensor '" + show(t.name()) + "' (at data offset " + t.offset()
            + ") overlaps the data of '" + show(previous.name()) + "' (shape " + java.util.Arrays.toString(previous.dims())
            + ", " + previous.bytes() + " bytes at data offset " + previous.offset() + "): a shape or an offset is wrong");
      }
      declared = Math.max(declared, t.offset() + t.bytes());
      previous = t;
    }
    long allBytes = 0;
    for (TensorInfo t : tensors) {
      allBytes += t.bytes();
    }
    previous = null;
    for (TensorInfo t : byOffset) {
      long offAt = offsetFields.get(t.name());
      long last = dataOffset + t.offset() + t.bytes();
      if (t.offset() > size || t.bytes() > size || last > size || last < 0) {
        long expected = previous == null ? 0 : alignUp(previous.offset() + previous.bytes(), alignment);
        long others = allBytes - t.bytes();
        if (t.offset() > size - dataOffset && t.offset() > expected) {
          throw in.error(offAt, "tensor '" + show(t.name()) + "' has data offset " + t.offset() + ", beyond the end of the"
              + " file (" + size + " bytes) and " + (t.offset() - expected) + " bytes past where "
              + (previous == null ? "the data section starts" : "the data of '" + show(previous.name()) + "' ends")
              + ": the offset is wrong");
        }
        if (t.bytes() > size && t.bytes() / 4 > others) {
          throw in.error(dimsFields.get(t.name()), "tensor '" + show(t.name()) + "' has shape "
              + java.util.Arrays.toString(t.dims()) + " (" + t.bytes() + " bytes of " + t.type().label() + "), more than the"
              + " whole file (" + size + " bytes) and more than 4 times all other tensors together: a dimension is wrong");
        }
        throw in.error(offAt, "the data of tensor '" + show(t.name()) + "' (" + t.bytes() + " bytes at data offset "
            + t.offset() + ") ends beyond the end of the file (" + size + " bytes; the header describes "
            + safeAdd(dataOffset, declared) + "): the file is truncated");
      }
      previous = t;
    }
    GgufFile f = new GgufFile(path, (int) version, size, alignment, dataOffset, meta, tensors);
    f.checkModel(in, keyOffsets, elementTypes, tensorOffsets);
    return f;
  }

  private static long alignUp(long n, long alignment) {
    return (n + alignment - 1) / alignment * alignment;
  }

  private static String safeAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? "more than 2^63" : Long.toString(sum);
  }

  /**
   * The metadata key stored at {@code at} when the bytes there read as one (a key named like
   * metadata, then a known value type), else {@code null}: a header whose metadata count is too
   * small has its remaining entries read as tensors, starting with the first.
   */
  private static String metadataKeyAt(GgufInput in, long at, Object architecture) {
    try {
      GgufInput probe = in.copyAt(at);
      String key = probe.string("a key", 65_535);
      long type = probe.u32("a type");
      boolean metadataName = key.startsWith("general.") || key.startsWith("tokenizer.")
          || (architecture instanceof String a && key.startsWith(a + "."));
      return metadataName && GgufValueType.byId(type).isPresent() ? key : null;
    } catch (ModelFormatException e) {
      return null;
    }
  }

  /** A value that is not an array; {@code key} is the key as messages show it. */
  private static Object scalar(GgufInput in, GgufValueType type, String key) {
    return switch (type) {
      case UINT8 -> (long) in.u8(key);
      case INT8 -> (long) in.i8(key);
      case UINT16 -> (long) in.u16(key);
      case INT16 -> (long) in.i16(key);
      case UINT32 -> in.u32(key);
      case INT32 -> (long) in.i32(key);
      // Any 64 bits are a valid value (a seed, a hash): kept as they are, above 2^63 negative.
      case UINT64, INT64 -> in.i64(key);
      case FLOAT32 -> (double) in.f32(key);
      case FLOAT64 -> in.f64(key);
      case BOOL -> {
        long at = in.position();
        int b = in.u8(key);
        if (b > 1) {
          throw in.error(at, "metadata key '" + key + "' is a bool with value " + b + " (must be 0 or 1)");
        }
        yield b == 1;
      }
      case STRING -> in.string("the value of '" + key + "'", MAX_STRING);
      case ARRAY -> throw new IllegalArgumentException("arrays are read by array()");
    };
  }

  /**
   * An array value; records its element type. The tokens of the vocabulary must be unique, since
   * llama.cpp aborts the process on a duplicate (it indexes them by text), so they are checked
   * here, where each token's raw bytes and offset are at hand.
   */
  private static List<Object> array(GgufInput in, String key, String shown, Map<String, GgufValueType> elementTypes) {
    long typeAt = in.position();
    long elemId = in.u32("the element type of '" + shown + "'");
    GgufValueType elem = GgufValueType.byId(elemId)
        .orElseThrow(() -> in.error(typeAt, "array '" + shown + "' has unknown element type " + elemId));
    if (elem == GgufValueType.ARRAY) {
      throw in.error(typeAt, "metadata key '" + shown + "' is an array of arrays, which llama.cpp b4916 cannot read");
    }
    long countAt = in.position();
    long count = in.u64("the length of array '" + shown + "'");
    if (count > in.remaining() / elem.minSize()) {
      throw in.error(countAt, "array '" + shown + "' claims " + count + " elements, more than the " + in.remaining()
          + " bytes left can hold");
    }
    if (count > MAX_ARRAY) {
      throw in.error(countAt, "array '" + shown + "' has " + count + " elements; at most " + MAX_ARRAY + " are allowed");
    }
    elementTypes.put(key, elem);
    Map<ByteBuffer, Long> tokens = key.equals("tokenizer.ggml.tokens") ? new HashMap<>() : null;
    List<Object> list = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      if (elem != GgufValueType.STRING) {
        list.add(scalar(in, elem, shown));
        continue;
      }
      long at = in.position();
      byte[] bytes = in.bytes("element " + i + " of '" + shown + "'", MAX_STRING);
      String text = GgufInput.decode(bytes);
      if (tokens != null) {
        // llama.cpp names empty tokens "[EMPTY_<id>]" before indexing them.
        byte[] id = bytes.length == 0 ? ("[EMPTY_" + i + "]").getBytes(StandardCharsets.UTF_8) : bytes;
        Long first = tokens.putIfAbsent(ByteBuffer.wrap(id), i);
        if (first != null) {
          throw in.error(at, "token " + i + " " + showValue(text) + " repeats token " + first + " of tokenizer.ggml.tokens;"
              + " llama.cpp aborts on a vocabulary with duplicate tokens");
        }
      }
      list.add(text);
    }
    return Collections.unmodifiableList(list);
  }

  /** Text from the file as an error message shows it: one line, at most {@value #MAX_SHOWN} characters. */
  static String show(String text) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < text.length() && b.length() < MAX_SHOWN) {
      int cp = text.codePointAt(i);
      int kind = Character.getType(cp);
      if (Character.isISOControl(cp) || kind == Character.LINE_SEPARATOR || kind == Character.PARAGRAPH_SEPARATOR) {
        b.append(String.format(Locale.ROOT, "\\u%04x", cp));
      } else {
        b.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return i < text.length() ? b + "..." : b.toString();
  }

  /** A metadata value as an error message shows it: strings quoted and cut short, arrays by their length. */
  static String showValue(Object value) {
    if (value instanceof String s) {
      return "\"" + show(s) + "\"";
    }
    if (value instanceof List<?> l) {
      return "an array of " + l.size() + " values";
    }
    return String.valueOf(value);
  }

  /** Checks what llama.cpp requires of a model, with the keys' offsets for error messages. */
  private void checkModel(GgufInput in, Map<String, Long> keyOffsets, Map<String, GgufValueType> elementTypes,
      Map<String, Long> tensorOffsets) {
    Object arch = metadata.get("general.architecture");
    if (!(arch instanceof String a) || a.isBlank()) {
      throw in.error(-1, "the required key general.architecture is missing or not a string");
    }
    if (!ARCHITECTURES.contains(a)) {
      throw in.error(keyOffsets.get("general.architecture"), "unknown architecture " + showValue(a) + ": llama.cpp b4916"
          + " cannot load it (it knows " + ARCHITECTURES.size() + ", such as llama, qwen2, phi3, gemma2 and deepseek2)");
    }
    String prefix = a + ".";
    long layers = requiredInt(in, keyOffsets, prefix + "block_count", 1, 10_000);
    long embd = requiredInt(in, keyOffsets, prefix + "embedding_length", 1, 1 << 20);
    Object tokens = metadata.get("tokenizer.ggml.tokens");
    if (!(tokens instanceof List<?> tl) || tl.isEmpty()
        || elementTypes.get("tokenizer.ggml.tokens") != GgufValueType.STRING) {
      throw in.error(-1, "the required key tokenizer.ggml.tokens (the vocabulary, a list of strings) is missing");
    }
    if (!(metadata.get("tokenizer.ggml.model") instanceof String)) {
      throw in.error(-1, "the required key tokenizer.ggml.model (the tokenizer type) is missing");
    }
    int vocab = tl.size();
    if ("llama".equals(metadata.get("tokenizer.ggml.model"))) {
      checkByteTokens(in, keyOffsets.get("tokenizer.ggml.tokens"));
    }
    perToken(in, keyOffsets, elementTypes, "tokenizer.ggml.scores", GgufValueType.FLOAT32, vocab);
    perToken(in, keyOffsets, elementTypes, "tokenizer.ggml.token_type", GgufValueType.INT32, vocab);
    Object merges = metadata.get("tokenizer.ggml.merges");
    if (merges != null && elementTypes.get("tokenizer.ggml.merges") != GgufValueType.STRING) {
      throw in.error(keyOffsets.get("tokenizer.ggml.merges"), "tokenizer.ggml.merges must be an array of strings");
    }
    for (String k : new String[] {"bos", "eos", "unknown", "padding", "separator", "eot", "eom"}) {
      Object id = metadata.get("tokenizer.ggml." + k + "_token_id");
      if (id != null && (!(id instanceof Long l) || l < 0 || l >= vocab)) {
        throw in.error(keyOffsets.get("tokenizer.ggml." + k + "_token_id"), "tokenizer.ggml." + k + "_token_id is "
            + showValue(id) + ", outside the vocabulary of " + vocab + " tokens");
      }
    }
    if (LLAMA_LIKE.contains(a)) {
      requiredInt(in, keyOffsets, prefix + "context_length", 1, Integer.MAX_VALUE);
      requiredInt(in, keyOffsets, prefix + "feed_forward_length", 1, 1 << 24);
      long heads = requiredInt(in, keyOffsets, prefix + "attention.head_count", 1, 1 << 16);
      long kvHeads = metadata.containsKey(prefix + "attention.head_count_kv")
          ? requiredInt(in, keyOffsets, prefix + "attention.head_count_kv", 1, heads) : heads;
      if (embd % heads != 0) {
        throw in.error(keyOffsets.get(prefix + "attention.head_count"), "embedding_length " + embd
            + " is not a multiple of head_count " + heads);
      }
      if (heads % kvHeads != 0) {
        throw in.error(keyOffsets.get(prefix + "attention.head_count_kv"), "head_count " + heads
            + " is not a multiple of head_count_kv " + kvHeads);
      }
      if (!(metadata.get(prefix + "attention.layer_norm_rms_epsilon") instanceof Double)) {
        throw in.error(-1, "the required key " + show(prefix) + "attention.layer_norm_rms_epsilon is missing or not a"
            + " number");
      }
      Map<String, TensorInfo> byName = new LinkedHashMap<>();
      tensors.forEach(t -> byName.put(t.name(), t));
      requireTensor(in, byName, tensorOffsets, "token_embd.weight", new long[] {embd, vocab});
      requireTensor(in, byName, tensorOffsets, "output_norm.weight", new long[] {embd});
      List<String> perLayer = new ArrayList<>(List.of("attn_norm.weight", "attn_q.weight", "attn_k.weight",
          "attn_v.weight", "attn_output.weight", "ffn_norm.weight"));
      // Mixture-of-experts models (Mixtral is a llama) keep their feed-forward weights in expert
      // tensors, merged or one per expert; llama.cpp names any missing one itself.
      if (!(metadata.get(prefix + "expert_count") instanceof Long experts) || experts == 0) {
        perLayer.addAll(List.of("ffn_gate.weight", "ffn_up.weight", "ffn_down.weight"));
      }
      if (a.equals("qwen2")) {
        perLayer.addAll(List.of("attn_q.bias", "attn_k.bias", "attn_v.bias"));
      }
      for (long l = 0; l < layers; l++) {
        for (String t : perLayer) {
          requireTensor(in, byName, tensorOffsets, "blk." + l + "." + t, null);
        }
      }
    }
  }

  /**
   * Checks that a SentencePiece vocabulary has a token for every byte ({@code <0x41>}, or the byte
   * itself): llama.cpp's SentencePiece tokenizer falls back to byte tokens for text it has no token
   * for, and aborts the process (an uncaught std::out_of_range) when the byte has none either.
   */
  private void checkByteTokens(GgufInput in, long tokensAt) {
    Set<String> tokens = new java.util.HashSet<>(tokens());
    for (int b = 0; b < 256; b++) {
      String hex = String.format(Locale.ROOT, "<0x%02X>", b);
      if (!tokens.contains(hex) && !(b < 0x80 && tokens.contains(String.valueOf((char) b)))) {
        throw in.error(tokensAt, "the SentencePiece vocabulary (tokenizer.ggml.model \"llama\") has no token for byte 0x"
            + hex.substring(3, 5) + " (" + hex + "); llama.cpp aborts on text it cannot tokenize, so every byte needs one");
      }
    }
  }

  /**
   * Checks an optional per-token array: llama.cpp reads it as raw memory of {@code type}, one value
   * per token, and aborts the process when it holds strings, so its type and length must be exact.
   */
  private void perToken(GgufInput in, Map<String, Long> keyOffsets, Map<String, GgufValueType> elementTypes, String key,
      GgufValueType type, int vocab) {
    Object v = metadata.get(key);
    if (v == null) {
      return;
    }
    GgufValueType found = elementTypes.get(key);
    if (!(v instanceof List<?> l) || found != type || l.size() != vocab) {
      String what = v instanceof List<?> l2 ? l2.size() + " " + label(found) : "a single " + showValue(v);
      throw in.error(keyOffsets.get(key), key + " must be an array of " + label(type) + " with one value per token ("
          + vocab + "), found " + what);
    }
  }

  private static String label(GgufValueType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  private long requiredInt(GgufInput in, Map<String, Long> keyOffsets, String key, long min, long max) {
    Object v = metadata.get(key);
    if (v == null) {
      throw in.error(-1, "the required key " + show(key) + " is missing");
    }
    if (!(v instanceof Long l) || l < min || l > max) {
      throw in.error(keyOffsets.get(key), show(key) + " is " + showValue(v) + "; it must be an integer from " + min + " to "
          + max);
    }
    return l;
  }

  private static void requireTensor(GgufInput in, Map<String, TensorInfo> byName, Map<String, Long> tensorOffsets,
      String name, long[] dims) {
    TensorInfo t = byName.get(name);
    if (t == null) {
      throw in.error(-1, "the required tensor " + name + " is missing");
    }
    if (dims != null && !java.util.Arrays.equals(t.dims(), dims)) {
      throw in.error(tensorOffsets.get(name), "tensor " + name + " has shape " + java.util.Arrays.toString(t.dims()) + ", expected "
          + java.util.Arrays.toString(dims));
    }
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The GGUF version (2 or 3). */
  public int version() {
    return version;
  }

  /** The file's size in bytes. */
  public long fileSize() {
    return fileSize;
  }

  /** The data alignment. */
  public long alignment() {
    return alignment;
  }

  /** The file offset where tensor data starts. */
  public long dataOffset() {
    return dataOffset;
  }

  /**
   * All metadata by key, in file order: integers as {@link Long} (64-bit values as their bits, so
   * unsigned ones from 2^63 up are negative), floats as {@link Double}, {@link Boolean}, {@link
   * String}, and arrays as unmodifiable {@link List}s of those (GGUF allows arrays of arrays, but
   * llama.cpp b4916 cannot read them, so {@link #read} rejects them).
   */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** The tensors in file order. */
  public List<TensorInfo> tensors() {
    return tensors;
  }

  /** The architecture ({@code llama}, {@code qwen2}, ...). */
  public String architecture() {
    return (String) metadata.get("general.architecture");
  }

  /** The model's name, or the file name when the file names none. */
  public String name() {
    return metadata.get("general.name") instanceof String s ? s : path.getFileName().toString();
  }

  /** The total number of weights. */
  public long parameterCount() {
    return tensors.stream().mapToLong(TensorInfo::elements).sum();
  }

  /** Bytes of tensor data per type. */
  public Map<GgmlType, Long> bytesByType() {
    Map<GgmlType, Long> m = new EnumMap<>(GgmlType.class);
    for (TensorInfo t : tensors) {
      m.merge(t.type(), t.bytes(), Long::sum);
    }
    return m;
  }

  /** All tensor data in bytes. */
  public long weightsBytes() {
    return tensors.stream().mapToLong(TensorInfo::bytes).sum();
  }

  private long archInt(String key, long fallback) {
    return metadata.get(architecture() + "." + key) instanceof Long l ? l : fallback;
  }

  /** The context length the model was trained with, or 0 when the file does not say. */
  public long contextLength() {
    return archInt("context_length", 0);
  }

  /** The embedding width. */
  public long embeddingLength() {
    return archInt("embedding_length", 0);
  }

  /** The number of layers. */
  public long blockCount() {
    return archInt("block_count", 0);
  }

  /** Attention heads (0 when not given as a single number). */
  public long headCount() {
    return archInt("attention.head_count", 0);
  }

  /** Key/value heads (the head count when not given). */
  public long headCountKv() {
    return archInt("attention.head_count_kv", headCount());
  }

  /** Tokens in the vocabulary. */
  public int vocabularySize() {
    return ((List<?>) metadata.get("tokenizer.ggml.tokens")).size();
  }

  /** The vocabulary's token texts. */
  @SuppressWarnings("unchecked")
  public List<String> tokens() {
    return (List<String>) metadata.get("tokenizer.ggml.tokens");
  }

  /** The chat template's source, or {@code null}. */
  public String chatTemplate() {
    return metadata.get("tokenizer.chat_template") instanceof String s ? s : null;
  }

  /** Whether llama.cpp adds a BOS token to prompts (the file's setting, else its tokenizer's default). */
  public boolean addBosToken() {
    if (metadata.get("tokenizer.ggml.add_bos_token") instanceof Boolean b) {
      return b;
    }
    return "llama".equals(metadata.get("tokenizer.ggml.model"));
  }

  /** The dominant tensor type by bytes ({@code Q8_0}, {@code Q4_0}, ...), as a file type name. */
  public String fileType() {
    return bytesByType().entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> e.getKey().label())
        .orElse("unknown").toUpperCase(Locale.ROOT);
  }

  /** Whether llmux made this file with random weights ({@code llmux.synthetic = true}). */
  public boolean synthetic() {
    return Boolean.TRUE.equals(metadata.get("llmux.synthetic"));
  }

  /**
   * Estimates the memory the model needs for {@code context} tokens shared by {@code parallel}
   * slots with the given KV-cache type ({@code f16}, {@code q8_0}, {@code q4_0}); see {@link
   * MemoryEstimate} for the formula.
   */
  public MemoryEstimate memoryEstimate(int context, int parallel, String kvCacheType) {
    double perElement = switch (kvCacheType.toLowerCase(Locale.ROOT)) {
      case "q8_0" -> 34.0 / 32;
      case "q4_0" -> 18.0 / 32;
      case "f32" -> 4;
      default -> 2;
    };
    long heads = Math.max(1, headCount());
    long headDim = archInt("attention.key_length", embeddingLength() / heads);
    long kv = (long) (2.0 * blockCount() * context * headCountKv() * headDim * perElement);
    long ubatch = Math.min(512, context);
    long ffn = archInt("feed_forward_length", 4 * embeddingLength());
    long attention = 4L * ubatch * context * heads * 4 / 5;
    long activations = 4L * ubatch * (4 * embeddingLength() + 2 * ffn);
    long logits = 4L * vocabularySize() * Math.max(1, parallel);
    long fixed = (36L << 20) + 400L * vocabularySize();
    long compute = attention + activations + logits + fixed;
    return new MemoryEstimate(weightsBytes(), repackedBytes(), kv, compute);
  }

  /**
   * The bytes llama.cpp's CPU backend copies into a second, interleaved buffer at load: Q4_0
   * matrices used in matrix products with rows and columns in multiples of 8, that is every
   * two-dimensional Q4_0 weight but the token embeddings (looked up, not multiplied), except that a
   * model without {@code output.weight} multiplies by the token embeddings at its output and
   * llama.cpp loads them a second time for that, repacked. llama.cpp b4916 repacks on x86-64 with
   * AVX2 (the bundled library and any host build) and on ARM with NEON; the file's pages stay mapped
   * as well, so such a model holds its Q4_0 weights twice.
   */
  public long repackedBytes() {
    boolean tied = tensors.stream().noneMatch(t -> t.name().equals("output.weight"));
    long n = 0;
    for (TensorInfo t : tensors) {
      long[] d = t.dims();
      boolean embeddings = t.name().equals("token_embd.weight");
      if (t.type() == GgmlType.Q4_0 && d.length == 2 && d[0] % 8 == 0 && d[1] % 8 == 0 && (!embeddings || tied)) {
        n += t.bytes();
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "GgufFile[" + path + ", " + architecture() + ", " + tensors.size() + " tensors]";
  }
}
