package dev.llmux.engine.gguf;

import java.util.Optional;

/**
 * A ggml tensor data type, with its id in GGUF files, the number of elements in one block and the
 * bytes one block takes (as ggml b4916 defines them; ids of removed types are absent).
 */
public enum GgmlType {
  /** 32-bit float. */
  F32(0, 1, 4),
  /** 16-bit IEEE half float. */
  F16(1, 1, 2),
  /** 32 weights: fp16 scale, 16 bytes of 4-bit values. */
  Q4_0(2, 32, 18),
  /** 32 weights: fp16 scale and minimum, 16 bytes of 4-bit values. */
  Q4_1(3, 32, 20),
  /** 32 weights: fp16 scale, 4 bytes of high bits, 16 bytes of low nibbles. */
  Q5_0(6, 32, 22),
  /** 32 weights: fp16 scale and minimum, high bits, low nibbles. */
  Q5_1(7, 32, 24),
  /** 32 weights: fp16 scale, 32 signed bytes. */
  Q8_0(8, 32, 34),
  /** 32 weights: fp16 scale and sum, 32 signed bytes. */
  Q8_1(9, 32, 36),
  /** k-quant, 2 bits. */
  Q2_K(10, 256, 84),
  /** k-quant, 3 bits. */
  Q3_K(11, 256, 110),
  /** k-quant, 4 bits. */
  Q4_K(12, 256, 144),
  /** k-quant, 5 bits. */
  Q5_K(13, 256, 176),
  /** k-quant, 6 bits. */
  Q6_K(14, 256, 210),
  /** k-quant, 8 bits (intermediate type). */
  Q8_K(15, 256, 292),
  /** i-quant, 2.06 bits per weight. */
  IQ2_XXS(16, 256, 66),
  /** i-quant, 2.31 bits per weight. */
  IQ2_XS(17, 256, 74),
  /** i-quant, 3.06 bits per weight. */
  IQ3_XXS(18, 256, 98),
  /** i-quant, 1.56 bits per weight. */
  IQ1_S(19, 256, 50),
  /** i-quant, 4.5 bits per weight, non-linear. */
  IQ4_NL(20, 32, 18),
  /** i-quant, 3.44 bits per weight. */
  IQ3_S(21, 256, 110),
  /** i-quant, 2.5 bits per weight. */
  IQ2_S(22, 256, 82),
  /** i-quant, 4.25 bits per weight. */
  IQ4_XS(23, 256, 136),
  /** 8-bit integer. */
  I8(24, 1, 1),
  /** 16-bit integer. */
  I16(25, 1, 2),
  /** 32-bit integer. */
  I32(26, 1, 4),
  /** 64-bit integer. */
  I64(27, 1, 8),
  /** 64-bit float. */
  F64(28, 1, 8),
  /** i-quant, 1.75 bits per weight. */
  IQ1_M(29, 256, 56),
  /** bfloat16. */
  BF16(30, 1, 2),
  /** ternary, 1.69 bits per weight. */
  TQ1_0(34, 256, 54),
  /** ternary, 2.06 bits per weight. */
  TQ2_0(35, 256, 66);

  private static final GgmlType[] BY_ID = new GgmlType[64];

  static {
    for (GgmlType type : values()) {
      BY_ID[type.id] = type;
    }
  }

  private final int id;
  private final int blockSize;
  private final int typeSize;

  GgmlType(int id, int blockSize, int typeSize) {
    this.id = id;
    this.blockSize = blockSize;
    this.typeSize = typeSize;
  }

  /** The type with GGUF id {@code id}, or empty when ggml knows no such type. */
  public static Optional<GgmlType> byId(long id) {
    if (id < 0 || id >= BY_ID.length) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_ID[(int) id]);
  }

  /** The type named {@code name} (case-insensitive, e.g. {@code q8_0}), or empty. */
  public static Optional<GgmlType> byName(String name) {
    for (GgmlType type : values()) {
      if (type.name().equalsIgnoreCase(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** The id GGUF files store for this type. */
  public int id() {
    return id;
  }

  /** The number of elements one block holds (1 for plain types). */
  public int blockSize() {
    return blockSize;
  }

  /** The bytes one block takes. */
  public int typeSize() {
    return typeSize;
  }

  /** Whether values are stored in quantized blocks of more than one element. */
  public boolean isQuantized() {
    return blockSize > 1;
  }

  /**
   * The bytes {@code elements} elements take, or -1 when {@code elements} is not a multiple of the
   * block size or the result would overflow.
   */
  public long bytesFor(long elements) {
    if (elements < 0 || elements % blockSize != 0) {
      return -1;
    }
    long blocks = elements / blockSize;
    if (blocks > Long.MAX_VALUE / typeSize) {
      return -1;
    }
    return blocks * typeSize;
  }

  /** The lower-case name llama.cpp prints, e.g. {@code q8_0}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
