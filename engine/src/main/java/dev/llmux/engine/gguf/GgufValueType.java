package dev.llmux.engine.gguf;

import java.util.Optional;

/** The type of a GGUF metadata value, with its id in the file and its fixed size in bytes. */
public enum GgufValueType {
  /** Unsigned 8-bit integer. */
  UINT8(0, 1),
  /** Signed 8-bit integer. */
  INT8(1, 1),
  /** Unsigned 16-bit integer. */
  UINT16(2, 2),
  /** Signed 16-bit integer. */
  INT16(3, 2),
  /** Unsigned 32-bit integer. */
  UINT32(4, 4),
  /** Signed 32-bit integer. */
  INT32(5, 4),
  /** 32-bit float. */
  FLOAT32(6, 4),
  /** Boolean stored as one byte. */
  BOOL(7, 1),
  /** UTF-8 string: 64-bit length, then the bytes. */
  STRING(8, -1),
  /** Array: element type, 64-bit length, then the elements. */
  ARRAY(9, -1),
  /** Unsigned 64-bit integer. */
  UINT64(10, 8),
  /** Signed 64-bit integer. */
  INT64(11, 8),
  /** 64-bit float. */
  FLOAT64(12, 8);

  private final int id;
  private final int size;

  GgufValueType(int id, int size) {
    this.id = id;
    this.size = size;
  }

  /** The type with GGUF id {@code id}, or empty when GGUF defines none. */
  public static Optional<GgufValueType> byId(long id) {
    for (GgufValueType type : values()) {
      if (type.id == id) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** The id GGUF files store for this type. */
  public int id() {
    return id;
  }

  /** The fixed size of one value in bytes, or -1 for strings and arrays. */
  public int size() {
    return size;
  }

  /** The fewest bytes one value of this type can take in a file. */
  int minSize() {
    if (this == STRING) {
      return 8;
    }
    if (this == ARRAY) {
      return 12;
    }
    return size;
  }

  /** Whether this is one of the integer types. */
  public boolean isInteger() {
    return switch (this) {
      case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
      default -> false;
    };
  }
}
