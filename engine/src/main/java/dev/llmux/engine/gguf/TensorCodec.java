package dev.llmux.engine.gguf;

import java.nio.ByteBuffer;

/**
 * Encodes floats into ggml's block layouts and decodes them back, for the types llmux writes
 * (F32, F16, Q8_0, Q4_0) and decodes (those plus BF16). The quantizers follow ggml's reference
 * ({@code quantize_row_q8_0_ref}, {@code quantize_row_q4_0_ref}).
 */
final class TensorCodec {

  private TensorCodec() {}

  /** Whether {@link #encode} can write {@code type}. */
  static boolean canEncode(GgmlType type) {
    return type == GgmlType.F32
        || type == GgmlType.F16
        || type == GgmlType.Q8_0
        || type == GgmlType.Q4_0;
  }

  /** Whether {@link #decode} can read {@code type}. */
  static boolean canDecode(GgmlType type) {
    return canEncode(type) || type == GgmlType.BF16;
  }

  /**
   * Writes {@code count} values from {@code values[from..]} as {@code type} into {@code out};
   * {@code count} must be a whole number of blocks.
   */
  static void encode(GgmlType type, float[] values, int from, int count, ByteBuffer out) {
    switch (type) {
      case F32 -> {
        for (int i = 0; i < count; i++) {
          out.putFloat(values[from + i]);
        }
      }
      case F16 -> {
        for (int i = 0; i < count; i++) {
          out.putShort(Half.fromFloat(values[from + i]));
        }
      }
      case Q8_0 -> {
        for (int block = from; block < from + count; block += 32) {
          float amax = 0;
          for (int i = 0; i < 32; i++) {
            amax = Math.max(amax, Math.abs(values[block + i]));
          }
          float d = amax / 127f;
          float id = d != 0 ? 1f / d : 0f;
          out.putShort(Half.fromFloat(d));
          for (int i = 0; i < 32; i++) {
            out.put((byte) roundHalfAway(values[block + i] * id));
          }
        }
      }
      case Q4_0 -> {
        for (int block = from; block < from + count; block += 32) {
          float amax = 0;
          float max = 0;
          for (int i = 0; i < 32; i++) {
            float v = values[block + i];
            if (Math.abs(v) > amax) {
              amax = Math.abs(v);
              max = v;
            }
          }
          float d = max / -8f;
          float id = d != 0 ? 1f / d : 0f;
          out.putShort(Half.fromFloat(d));
          for (int i = 0; i < 16; i++) {
            int lo = Math.min(15, (int) (values[block + i] * id + 8.5f));
            int hi = Math.min(15, (int) (values[block + 16 + i] * id + 8.5f));
            out.put((byte) (lo | (hi << 4)));
          }
        }
      }
      default -> throw new IllegalArgumentException("cannot encode ggml type " + type.label());
    }
  }

  /** Rounds to the nearest integer, halves away from zero, as C's {@code roundf} (Java's rounds them up). */
  private static int roundHalfAway(float v) {
    return v < 0 ? -Math.round(-v) : Math.round(v);
  }

  /**
   * Decodes {@code count} values of {@code type} from {@code in} (positioned at a block start)
   * into {@code out[from..]}; {@code count} must be a whole number of blocks.
   */
  static void decode(GgmlType type, ByteBuffer in, float[] out, int from, int count) {
    switch (type) {
      case F32 -> {
        for (int i = 0; i < count; i++) {
          out[from + i] = in.getFloat();
        }
      }
      case F16 -> {
        for (int i = 0; i < count; i++) {
          out[from + i] = Half.toFloat(in.getShort());
        }
      }
      case BF16 -> {
        for (int i = 0; i < count; i++) {
          out[from + i] = Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
        }
      }
      case Q8_0 -> {
        for (int block = from; block < from + count; block += 32) {
          float d = Half.toFloat(in.getShort());
          for (int i = 0; i < 32; i++) {
            out[block + i] = in.get() * d;
          }
        }
      }
      case Q4_0 -> {
        for (int block = from; block < from + count; block += 32) {
          float d = Half.toFloat(in.getShort());
          for (int i = 0; i < 16; i++) {
            int b = in.get() & 0xff;
            out[block + i] = ((b & 0x0f) - 8) * d;
            out[block + 16 + i] = ((b >>> 4) - 8) * d;
          }
        }
      }
      default -> throw new IllegalArgumentException("cannot decode ggml type " + type.label());
    }
  }
}
