package dev.llmux.engine.gguf;

import java.util.Arrays;

/**
 * One tensor of a GGUF file.
 *
 * @param name the tensor's name ({@code blk.0.attn_q.weight})
 * @param type its element type
 * @param dims its dimensions, innermost first (GGUF order: {@code dims[0]} is the row length)
 * @param offset its data's offset from the start of the data section
 * @param bytes the bytes its data takes
 */
public record TensorInfo(String name, GgmlType type, long[] dims, long offset, long bytes) {

  /** Copies the dimensions. */
  public TensorInfo {
    dims = dims.clone();
  }

  /** The dimensions (a copy). */
  @Override
  public long[] dims() {
    return dims.clone();
  }

  /** The number of elements. */
  public long elements() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t && t.name.equals(name) && t.type == type && Arrays.equals(t.dims, dims)
        && t.offset == offset && t.bytes == bytes;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return name + " " + type.label() + " " + Arrays.toString(dims);
  }
}
