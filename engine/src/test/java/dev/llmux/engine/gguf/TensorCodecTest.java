package dev.llmux.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Quantized blocks against ggml's reference quantizers, computed by hand. */
final class TensorCodecTest {

  private static byte[] encode(GgmlType type, float[] values) {
    ByteBuffer out = ByteBuffer.allocate((int) type.bytesFor(values.length)).order(ByteOrder.LITTLE_ENDIAN);
    TensorCodec.encode(type, values, 0, values.length, out);
    assertEquals(0, out.remaining());
    return out.array();
  }

  private static float[] decode(GgmlType type, byte[] bytes, int count) {
    float[] out = new float[count];
    TensorCodec.decode(type, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), out, 0, count);
    return out;
  }

  @Test
  void encodeQ8_0_scaleOne_storesRoundedValuesHalvesAwayFromZero() {
    float[] x = new float[32];
    float[] given = {127, -127, -2.5f, 2.5f, 0.5f, -0.5f, 1.49f, -1.51f, 100.4f};
    System.arraycopy(given, 0, x, 0, given.length);
    byte[] expected = new byte[34];
    expected[1] = 0x3c; // d = amax / 127 = 1.0 as a half float, little endian
    byte[] q = {127, -127, -3, 3, 1, -1, 1, -2, 100};
    System.arraycopy(q, 0, expected, 2, q.length);
    assertArrayEquals(expected, encode(GgmlType.Q8_0, x));
  }

  @Test
  void encodeQ4_0_integerRamp_packsLowHalfInLowNibbles() {
    float[] x = new float[32];
    for (int i = 0; i < 32; i++) {
      x[i] = (i % 16) - 8; // -8..7 twice: max = -8 so d = 1
    }
    byte[] expected = new byte[18];
    expected[1] = 0x3c;
    for (int j = 0; j < 16; j++) {
      expected[2 + j] = (byte) (j | (j << 4));
    }
    assertArrayEquals(expected, encode(GgmlType.Q4_0, x));
    assertArrayEquals(x, decode(GgmlType.Q4_0, expected, 32));
  }

  @Test
  void encodeQ4_0_positiveExtreme_clampsTheOppositeEndToFifteen() {
    float[] x = new float[32];
    x[0] = 16; // max = 16, d = -2: 16 -> 0, -16 would be 16 -> clamped to 15 (-14)
    x[1] = -16;
    byte[] b = encode(GgmlType.Q4_0, x);
    assertEquals((short) 0xc000, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(0)); // -2.0
    float[] y = decode(GgmlType.Q4_0, b, 32);
    assertEquals(16f, y[0]);
    assertEquals(-14f, y[1]);
    assertEquals(0f, y[2], 0f);
  }

  @Test
  void encode_zeroBlock_hasScaleZeroAndDecodesToZeros() {
    float[] zeros = new float[32];
    byte[] q8 = encode(GgmlType.Q8_0, zeros);
    assertArrayEquals(new byte[34], q8);
    byte[] q4 = encode(GgmlType.Q4_0, zeros);
    byte[] expected = new byte[18];
    expected[1] = (byte) 0x80; // d = max / -8 = -0.0, as in ggml
    Arrays.fill(expected, 2, 18, (byte) 0x88);
    assertArrayEquals(expected, q4);
    assertArrayEquals(zeros, decode(GgmlType.Q4_0, q4, 32), 0f);
    assertArrayEquals(zeros, decode(GgmlType.Q8_0, q8, 32));
  }

  @Test
  void f16AndBf16_decodeTheirBitPatterns() {
    byte[] f16 = {0x00, 0x3c, 0x00, (byte) 0xc0, 0x01, 0x00};
    assertArrayEquals(new float[] {1f, -2f, 0x1p-24f}, decode(GgmlType.F16, f16, 3));
    byte[] bf16 = {(byte) 0x80, 0x3f, 0x49, 0x40};
    assertArrayEquals(new float[] {1f, Float.intBitsToFloat(0x40490000)}, decode(GgmlType.BF16, bf16, 2));
  }

  @Test
  void encode_typeItCannotWrite_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> GgufWriter.floats(GgmlType.Q4_K, new float[256]));
    assertThrows(IllegalArgumentException.class, () -> TensorCodec.decode(GgmlType.Q6_K, ByteBuffer.allocate(210),
        new float[256], 0, 256));
  }
}
