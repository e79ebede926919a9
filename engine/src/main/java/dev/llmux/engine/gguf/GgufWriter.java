package dev.llmux.engine.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A GGUF version 3 file under construction: metadata and tensors are added in order, then {@link
 * #write} streams the file, asking each tensor's {@link TensorData} for its bytes a chunk at a
 * time so that no tensor is ever held in memory whole.
 *
 * <p>Defaults: alignment 32, stored as {@code general.alignment} unless the caller puts that key
 * itself. Tensor data follows ggml's layout: each tensor starts at the next multiple of the
 * alignment, in the order the tensors were added, and the file ends padded to the alignment, as
 * ggml's own writer does, so llama.cpp accepts the file.
 */
public final class GgufWriter {

  /** GGUF's default alignment of tensor data, in bytes. */
  public static final int DEFAULT_ALIGNMENT = 32;

  private static final int CHUNK_BYTES = 1 << 20;

  /** Supplies a tensor's bytes, in order, one chunk at a time. */
  @FunctionalInterface
  public interface TensorData {
    /**
     * Fills every remaining byte of {@code out} (little endian, a whole number of blocks of the
     * tensor's type) with the tensor's next bytes.
     */
    void fill(ByteBuffer out);
  }

  private record Entry(String key, GgufValueType type, GgufValueType elementType, Object value) {}

  private record Tensor(String name, GgmlType type, long[] dims, long bytes, TensorData data) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> keys = new HashSet<>();
  private final List<Tensor> tensors = new ArrayList<>();
  private final Set<String> tensorNames = new HashSet<>();
  private int alignment = DEFAULT_ALIGNMENT;

  /** Creates an empty writer with alignment {@value #DEFAULT_ALIGNMENT}. */
  public GgufWriter() {}

  /** Tensor data that encodes {@code values} as {@code type} (F32, F16, Q8_0 or Q4_0). */
  public static TensorData floats(GgmlType type, float[] values) {
    if (!TensorCodec.canEncode(type)) {
      throw new IllegalArgumentException("cannot encode ggml type " + type.label());
    }
    float[] copy = values.clone();
    int[] next = {0};
    return out -> {
      int count = out.remaining() / type.typeSize() * type.blockSize();
      TensorCodec.encode(type, copy, next[0], count, out);
      next[0] += count;
    };
  }

  /** Sets the alignment of tensor data (a power of two); it is stored as general.alignment. */
  public GgufWriter alignment(int bytes) {
    if (bytes <= 0 || Integer.bitCount(bytes) != 1) {
      throw new IllegalArgumentException("alignment must be a power of two: " + bytes);
    }
    this.alignment = bytes;
    return this;
  }

  /** Adds a string value. */
  public GgufWriter putString(String key, String value) {
    return add(key, GgufValueType.STRING, null, value);
  }

  /** Adds an unsigned 32-bit value ({@code 0 <= value < 2^32}). */
  public GgufWriter putUint32(String key, long value) {
    if (value < 0 || value > 0xffffffffL) {
      throw new IllegalArgumentException(key + ": not an unsigned 32-bit value: " + value);
    }
    return add(key, GgufValueType.UINT32, null, value);
  }

  /** Adds a signed 32-bit value. */
  public GgufWriter putInt32(String key, int value) {
    return add(key, GgufValueType.INT32, null, (long) value);
  }

  /** Adds an unsigned 64-bit value (the bits of {@code value}). */
  public GgufWriter putUint64(String key, long value) {
    return add(key, GgufValueType.UINT64, null, value);
  }

  /** Adds a 32-bit float value. */
  public GgufWriter putFloat32(String key, float value) {
    return add(key, GgufValueType.FLOAT32, null, value);
  }

  /** Adds a boolean value. */
  public GgufWriter putBool(String key, boolean value) {
    return add(key, GgufValueType.BOOL, null, value);
  }

  /** Adds an array of strings. */
  public GgufWriter putStringArray(String key, List<String> values) {
    return add(key, GgufValueType.ARRAY, GgufValueType.STRING, List.copyOf(values));
  }

  /** Adds an array of 32-bit floats. */
  public GgufWriter putFloat32Array(String key, float[] values) {
    return add(key, GgufValueType.ARRAY, GgufValueType.FLOAT32, values.clone());
  }

  /** Adds an array of signed 32-bit integers. */
  public GgufWriter putInt32Array(String key, int[] values) {
    return add(key, GgufValueType.ARRAY, GgufValueType.INT32, values.clone());
  }

  /**
   * Adds a tensor; {@code dims} are innermost first (ggml's ne0, ne1, ...), and the innermost
   * must be a multiple of the type's block size.
   */
  public GgufWriter addTensor(String name, GgmlType type, long[] dims, TensorData data) {
    if (!tensorNames.add(name)) {
      throw new IllegalArgumentException("duplicate tensor " + name);
    }
    if (dims.length < 1 || dims.length > 4) {
      throw new IllegalArgumentException(name + ": a tensor has 1 to 4 dimensions");
    }
    long elements = 1;
    for (long dim : dims) {
      if (dim <= 0) {
        throw new IllegalArgumentException(name + ": dimensions must be positive");
      }
      elements = Math.multiplyExact(elements, dim);
    }
    if (dims[0] % type.blockSize() != 0) {
      throw new IllegalArgumentException(
          name + ": innermost dimension " + dims[0] + " is not a multiple of " + type.blockSize());
    }
    tensors.add(new Tensor(name, type, dims.clone(), type.bytesFor(elements), data));
    return this;
  }

  /** The size in bytes of the file {@link #write} produces. */
  public long fileSize() {
    long size = align(header().length);
    for (Tensor tensor : tensors) {
      size += align(tensor.bytes);
    }
    return size;
  }

  /**
   * Writes the file to {@code file}, replacing it (not atomically: callers that need atomicity
   * write to a temporary file and rename it).
   */
  public void write(Path file) {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      write(channel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes the file to {@code channel}. */
  public void write(WritableByteChannel channel) throws IOException {
    byte[] header = header();
    writeFully(channel, ByteBuffer.wrap(header));
    long position = header.length;
    ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_BYTES + 64).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor tensor : tensors) {
      position = pad(channel, position, buffer);
      int chunk = Math.max(1, CHUNK_BYTES / tensor.type.typeSize()) * tensor.type.typeSize();
      long left = tensor.bytes;
      while (left > 0) {
        int n = (int) Math.min(chunk, left);
        buffer.clear().limit(n);
        tensor.data.fill(buffer);
        if (buffer.hasRemaining()) {
          throw new IllegalStateException("tensor data for " + tensor.name + " left bytes unfilled");
        }
        buffer.flip();
        writeFully(channel, buffer);
        left -= n;
        position += n;
      }
    }
    pad(channel, position, buffer);
  }

  private long pad(WritableByteChannel channel, long position, ByteBuffer buffer)
      throws IOException {
    int padding = (int) (align(position) - position);
    if (padding > 0) {
      buffer.clear();
      for (int i = 0; i < padding; i++) {
        buffer.put((byte) 0);
      }
      buffer.flip();
      writeFully(channel, buffer);
    }
    return position + padding;
  }

  private static void writeFully(WritableByteChannel channel, ByteBuffer buffer)
      throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private long align(long position) {
    return (position + alignment - 1) / alignment * alignment;
  }

  private GgufWriter add(String key, GgufValueType type, GgufValueType elementType, Object value) {
    if (!keys.add(key)) {
      throw new IllegalArgumentException("duplicate metadata key " + key);
    }
    if (key.equals("general.alignment")) {
      throw new IllegalArgumentException("set general.alignment through alignment(int)");
    }
    entries.add(new Entry(key, type, elementType, value));
    return this;
  }

  /** The header {@link #write} writes first: counts, metadata and tensor descriptions, unpadded. */
  byte[] header() {
    Encoder out = new Encoder();
    out.u32(0x46554747);
    out.u32(3);
    out.u64(tensors.size());
    out.u64(entries.size() + 1L);
    for (Entry entry : entries) {
      out.string(entry.key);
      out.u32(entry.type.id());
      if (entry.type == GgufValueType.ARRAY) {
        out.u32(entry.elementType.id());
        writeArray(out, entry.elementType, entry.value);
      } else {
        writeScalar(out, entry.type, entry.value);
      }
    }
    out.string("general.alignment");
    out.u32(GgufValueType.UINT32.id());
    out.u32(alignment);
    long offset = 0;
    for (Tensor tensor : tensors) {
      out.string(tensor.name);
      out.u32(tensor.dims.length);
      for (long dim : tensor.dims) {
        out.u64(dim);
      }
      out.u32(tensor.type.id());
      out.u64(offset);
      offset = align(offset + tensor.bytes);
    }
    return out.bytes();
  }

  private static void writeScalar(Encoder out, GgufValueType type, Object value) {
    switch (type) {
      case STRING -> out.string((String) value);
      case UINT32, INT32 -> out.u32((int) (long) (Long) value);
      case UINT64 -> out.u64((Long) value);
      case FLOAT32 -> out.u32(Float.floatToRawIntBits((Float) value));
      case BOOL -> out.u8((Boolean) value ? 1 : 0);
      default -> throw new IllegalStateException("unexpected type " + type);
    }
  }

  private static void writeArray(Encoder out, GgufValueType elementType, Object value) {
    switch (elementType) {
      case STRING -> {
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) value;
        out.u64(strings.size());
        for (String s : strings) {
          out.string(s);
        }
      }
      case FLOAT32 -> {
        float[] floats = (float[]) value;
        out.u64(floats.length);
        for (float f : floats) {
          out.u32(Float.floatToRawIntBits(f));
        }
      }
      case INT32 -> {
        int[] ints = (int[]) value;
        out.u64(ints.length);
        for (int i : ints) {
          out.u32(i);
        }
      }
      default -> throw new IllegalStateException("unexpected element type " + elementType);
    }
  }

  /** A little-endian byte sink for the header. */
  private static final class Encoder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);

    void u8(int value) {
      bytes.write(value);
    }

    void u32(int value) {
      for (int i = 0; i < 4; i++) {
        bytes.write(value >>> (8 * i));
      }
    }

    void u64(long value) {
      for (int i = 0; i < 8; i++) {
        bytes.write((int) (value >>> (8 * i)));
      }
    }

    void string(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      u64(utf8.length);
      bytes.write(utf8, 0, utf8.length);
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
