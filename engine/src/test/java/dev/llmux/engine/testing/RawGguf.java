package dev.llmux.engine.testing;

import dev.llmux.engine.gguf.GgmlType;
import dev.llmux.engine.gguf.GgufValueType;
import dev.llmux.engine.gguf.GgufWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A GGUF file spelled out field by field, so tests can write any header, valid or not: every
 * count, length, type id, dimension and offset can be set to a value {@link GgufWriter} would
 * refuse. {@link #bytes} lays the file out as ggml does (header, padding to the alignment, each
 * tensor's data at the next multiple of the alignment) and records where each field landed.
 */
public final class RawGguf {

  /** An array value for {@link #value}: the element type and the elements (arrays nest). */
  public record Arr(GgufValueType elementType, List<?> items) {}

  /** One key/value: the encoded key field (length and bytes) and the type id and value. */
  public static final class Kv {
    public byte[] keyField;
    public byte[] valueField;

    public Kv(byte[] keyField, byte[] valueField) {
      this.keyField = keyField;
      this.valueField = valueField;
    }
  }

  /** One tensor description; {@code offset} null places the data automatically. */
  public static final class RawTensor {
    public byte[] nameField;
    public final long[] dims;
    public long nDims;
    public long typeId;
    public Long offset;

    public RawTensor(String name, GgmlType type, long... dims) {
      this.nameField = string(name);
      this.dims = dims.clone();
      this.nDims = dims.length;
      this.typeId = type.id();
    }

    /** The data bytes this description implies, or 0 when it implies none (unknown type, overflow). */
    public long dataBytes() {
      GgmlType type = GgmlType.byId(typeId).orElse(null);
      if (type == null || nDims != dims.length) {
        return 0;
      }
      long n = 1;
      for (long d : dims) {
        if (d <= 0) {
          return 0;
        }
        try {
          n = Math.multiplyExact(n, d);
        } catch (ArithmeticException e) {
          return 0;
        }
      }
      long bytes = type.bytesFor(n);
      return bytes < 0 || bytes > (1 << 24) ? 0 : bytes;
    }
  }

  /** The magic number, "GGUF" read as a little-endian 32-bit integer. */
  public long magic = 0x46554747L;
  public long version = 3;
  /** The tensor count written, or null for the real count. */
  public Long tensorCount;
  /** The metadata count written, or null for the real count. */
  public Long kvCount;
  /** The alignment used to lay out the data (the file says its own in general.alignment). */
  public int alignment = 32;
  public final List<String> keys = new ArrayList<>();
  public final List<Kv> kvs = new ArrayList<>();
  public final List<RawTensor> tensors = new ArrayList<>();

  private final List<Long> kvPositions = new ArrayList<>();
  private final List<Long> tensorPositions = new ArrayList<>();
  private long headerLength;
  private long dataOffset;

  /** Appends a key/value (duplicates allowed). */
  public RawGguf put(String key, GgufValueType type, Object value) {
    return putRaw(key, value(type, value));
  }

  /** Appends a key with an already encoded type id and value. */
  public RawGguf putRaw(String key, byte[] valueField) {
    keys.add(key);
    kvs.add(new Kv(string(key), valueField));
    return this;
  }

  /** Replaces the value of {@code key} in place. */
  public RawGguf set(String key, GgufValueType type, Object value) {
    return setRaw(key, value(type, value));
  }

  /** Replaces the encoded type id and value of {@code key} in place. */
  public RawGguf setRaw(String key, byte[] valueField) {
    kvs.get(indexOf(key)).valueField = valueField;
    return this;
  }

  /** Removes {@code key}. */
  public RawGguf remove(String key) {
    int i = indexOf(key);
    keys.remove(i);
    kvs.remove(i);
    return this;
  }

  /** The index of {@code key}. */
  public int indexOf(String key) {
    int i = keys.indexOf(key);
    if (i < 0) {
      throw new IllegalArgumentException("no key " + key);
    }
    return i;
  }

  /** Appends a tensor description (with zero-filled data). */
  public RawTensor tensor(String name, GgmlType type, long... dims) {
    RawTensor t = new RawTensor(name, type, dims);
    tensors.add(t);
    return t;
  }

  /** The index of the tensor {@code name}. */
  public int tensorIndex(String name) {
    byte[] field = string(name);
    for (int i = 0; i < tensors.size(); i++) {
      if (java.util.Arrays.equals(tensors.get(i).nameField, field)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no tensor " + name);
  }

  /** The tensor {@code name}. */
  public RawTensor tensor(String name) {
    return tensors.get(tensorIndex(name));
  }

  /** The file's bytes; afterwards the position methods describe them. */
  public byte[] bytes() {
    Le out = new Le();
    out.u32(magic).u32(version);
    out.u64(tensorCount != null ? tensorCount : tensors.size());
    out.u64(kvCount != null ? kvCount : kvs.size());
    kvPositions.clear();
    for (Kv kv : kvs) {
      kvPositions.add(out.size());
      out.raw(kv.keyField).raw(kv.valueField);
    }
    tensorPositions.clear();
    long offset = 0;
    List<Long> offsets = new ArrayList<>();
    for (RawTensor t : tensors) {
      tensorPositions.add(out.size());
      out.raw(t.nameField).u32(t.nDims);
      for (long d : t.dims) {
        out.u64(d);
      }
      out.u32(t.typeId);
      out.u64(t.offset != null ? t.offset : offset);
      offsets.add(offset);
      offset = align(offset + t.dataBytes());
    }
    headerLength = out.size();
    out.zeros(align(headerLength) - headerLength);
    dataOffset = out.size();
    for (int i = 0; i < tensors.size(); i++) {
      long bytes = tensors.get(i).dataBytes();
      for (long b = 0; b < bytes; b++) {
        out.u8((int) ((b * 31 + i) & 0x7f));
      }
      out.zeros(dataOffset + align(offsets.get(i) + bytes) - out.size());
    }
    return out.toByteArray();
  }

  /** Where the key/value #{@code i} starts (its key length field). */
  public long kvPosition(int i) {
    return kvPositions.get(i);
  }

  /** Where the value of {@code key} starts (its type id field). */
  public long valuePosition(String key) {
    int i = indexOf(key);
    return kvPositions.get(i) + kvs.get(i).keyField.length;
  }

  /** Where the description of tensor #{@code i} starts (its name length field). */
  public long tensorPosition(int i) {
    return tensorPositions.get(i);
  }

  /** Where the dimension count of tensor #{@code i} is. */
  public long nDimsPosition(int i) {
    return tensorPositions.get(i) + tensors.get(i).nameField.length;
  }

  /** Where dimension {@code d} of tensor #{@code i} is. */
  public long dimPosition(int i, int d) {
    return nDimsPosition(i) + 4 + 8L * d;
  }

  /** Where the type id of tensor #{@code i} is. */
  public long typePosition(int i) {
    return nDimsPosition(i) + 4 + 8L * tensors.get(i).dims.length;
  }

  /** Where the data offset of tensor #{@code i} is. */
  public long offsetPosition(int i) {
    return typePosition(i) + 4;
  }

  /** The length of the header (before the padding). */
  public long headerLength() {
    return headerLength;
  }

  /** Where the data section starts. */
  public long dataOffset() {
    return dataOffset;
  }

  private long align(long n) {
    return (n + alignment - 1) / alignment * alignment;
  }

  /** A string field: 64-bit length, then UTF-8 bytes. */
  public static byte[] string(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return new Le().u64(utf8.length).raw(utf8).toByteArray();
  }

  /** A value field: the type id, then the value. */
  public static byte[] value(GgufValueType type, Object value) {
    Le out = new Le().u32(type.id());
    payload(out, type, value);
    return out.toByteArray();
  }

  private static void payload(Le out, GgufValueType type, Object v) {
    switch (type) {
      case UINT8, INT8 -> out.u8(((Number) v).intValue());
      case UINT16, INT16 -> out.u16(((Number) v).intValue());
      case UINT32, INT32 -> out.u32(((Number) v).longValue());
      case UINT64, INT64 -> out.u64(((Number) v).longValue());
      case FLOAT32 -> out.u32(Float.floatToRawIntBits(((Number) v).floatValue()));
      case FLOAT64 -> out.u64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
      case BOOL -> out.u8(v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).intValue());
      case STRING -> out.raw(string((String) v));
      case ARRAY -> {
        Arr a = (Arr) v;
        out.u32(a.elementType().id()).u64(a.items().size());
        for (Object item : a.items()) {
          payload(out, a.elementType(), item);
        }
      }
    }
  }

  /** A little-endian byte sink. */
  public static final class Le {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public Le u8(int v) {
      bytes.write(v);
      return this;
    }

    public Le u16(int v) {
      return u8(v).u8(v >>> 8);
    }

    public Le u32(long v) {
      for (int i = 0; i < 4; i++) {
        bytes.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    public Le u64(long v) {
      for (int i = 0; i < 8; i++) {
        bytes.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    public Le raw(byte[] b) {
      bytes.write(b, 0, b.length);
      return this;
    }

    public Le zeros(long n) {
      for (long i = 0; i < n; i++) {
        bytes.write(0);
      }
      return this;
    }

    public long size() {
      return bytes.size();
    }

    public byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }
}
