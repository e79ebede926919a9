package dev.llmux.engine.gguf;

/** Conversions between 32-bit floats and IEEE 754 half floats (binary16), rounding to even. */
final class Half {

  private Half() {}

  /** The half float nearest to {@code value}, as its 16 raw bits. */
  static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int magnitude = bits & 0x7fffffff;
    if (magnitude >= 0x7f800000) {
      int nanBit = magnitude > 0x7f800000 ? 0x200 : 0;
      return (short) (sign | 0x7c00 | nanBit);
    }
    if (magnitude >= 0x477ff000) {
      return (short) (sign | 0x7c00);
    }
    if (magnitude < 0x38800000) {
      if (magnitude < 0x33000000) {
        return (short) sign;
      }
      int exponent = magnitude >>> 23;
      int mantissa = (magnitude & 0x7fffff) | 0x800000;
      int shift = 126 - exponent;
      int half = mantissa >>> shift;
      int rest = mantissa & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rest > halfway || (rest == halfway && (half & 1) == 1)) {
        half++;
      }
      return (short) (sign | half);
    }
    int exponent = (magnitude >>> 23) - 127 + 15;
    int mantissa = magnitude & 0x7fffff;
    int half = (exponent << 10) | (mantissa >>> 13);
    int rest = mantissa & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
      half++;
    }
    return (short) (sign | half);
  }

  /** The float value of the half float with raw bits {@code bits}. */
  static float toFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0) {
      float value = mantissa * 0x1p-24f;
      return sign != 0 ? -value : value;
    }
    if (exponent == 31) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
