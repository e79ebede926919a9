package dev.llmux.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.RawGguf;
import dev.llmux.engine.testing.RawGguf.Arr;
import dev.llmux.engine.testing.TinyGguf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files written by {@link GgufWriter} (and {@link RawGguf}) read back by {@link GgufFile} as written. */
final class GgufRoundTripTest {

  @TempDir Path dir;

  /** Deterministic values for a tensor: uniform in [-scale, scale), with a different scale per tensor. */
  static float[] values(String name, int count) {
    SplittableRandom random = new SplittableRandom(name.hashCode());
    float scale = (float) Math.pow(2, random.nextInt(-6, 3));
    float[] v = new float[count];
    for (int i = 0; i < count; i++) {
      v[i] = (float) (random.nextDouble(-1, 1) * scale);
    }
    if (count >= 64) {
      java.util.Arrays.fill(v, 32, 64, 0f); // one all-zero block
    }
    return v;
  }

  private static GgufWriter writerWithEveryValueType(GgmlType type) {
    GgufWriter w = TinyGguf.writer(type, GgufRoundTripTest::values);
    w.putString("x.string", "h\u00e9llo \u2713 \u0000 end");
    w.putString("x.empty", "");
    w.putUint32("x.u32", 0xffff_ffffL);
    w.putInt32("x.i32", Integer.MIN_VALUE);
    w.putUint64("x.u64", -1L);
    w.putFloat32("x.f32", 1.5e-7f);
    w.putBool("x.true", true);
    w.putBool("x.false", false);
    w.putStringArray("x.strings", List.of("", "a", "\u00fc\u00df"));
    w.putStringArray("x.no_strings", List.of());
    w.putFloat32Array("x.floats", new float[] {-0.0f, Float.MAX_VALUE, Float.MIN_VALUE});
    w.putInt32Array("x.ints", new int[] {-1, 0, Integer.MAX_VALUE});
    return w;
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "Q8_0", "Q4_0"})
  void read_writtenModel_givesBackMetadataTensorsAndValues(GgmlType type) throws IOException {
    GgufWriter w = writerWithEveryValueType(type);
    Path file = dir.resolve("rt-" + type.label() + ".gguf");
    w.write(file);
    assertEquals(w.fileSize(), Files.size(file));
    GgufFile g = GgufFile.read(file);

    assertEquals(3, g.version());
    assertEquals(32, g.alignment());
    Map<String, Object> m = g.metadata();
    assertEquals("h\u00e9llo \u2713 \u0000 end", m.get("x.string"));
    assertEquals("", m.get("x.empty"));
    assertEquals(0xffff_ffffL, m.get("x.u32"));
    assertEquals((long) Integer.MIN_VALUE, m.get("x.i32"));
    assertEquals(-1L, m.get("x.u64"));
    assertEquals((double) 1.5e-7f, m.get("x.f32"));
    assertEquals(true, m.get("x.true"));
    assertEquals(false, m.get("x.false"));
    assertEquals(List.of("", "a", "\u00fc\u00df"), m.get("x.strings"));
    assertEquals(List.of(), m.get("x.no_strings"));
    assertEquals(List.of(-0.0, (double) Float.MAX_VALUE, (double) Float.MIN_VALUE), m.get("x.floats"));
    assertEquals(List.of(-1L, 0L, (long) Integer.MAX_VALUE), m.get("x.ints"));
    assertEquals(32L, m.get("general.alignment"));
    List<String> keys = new ArrayList<>(m.keySet());
    assertEquals("general.architecture", keys.get(0));
    assertEquals("general.alignment", keys.get(keys.size() - 1), "the writer adds general.alignment last");
    assertThrows(UnsupportedOperationException.class, () -> m.put("x", 1));

    List<TensorInfo> tensors = g.tensors();
    List<Object[]> shapes = TinyGguf.tensorShapes();
    assertEquals(shapes.size(), tensors.size());
    assertEquals(0, g.dataOffset() % 32);
    long expectedOffset = 0;
    for (int i = 0; i < shapes.size(); i++) {
      TensorInfo t = tensors.get(i);
      long[] dims = (long[]) shapes.get(i)[1];
      GgmlType tt = dims.length == 1 ? GgmlType.F32 : type;
      assertEquals(shapes.get(i)[0], t.name());
      assertEquals(tt, t.type(), t.name());
      assertArrayEquals(dims, t.dims(), t.name());
      assertEquals(expectedOffset, t.offset(), t.name() + ": each tensor at the next multiple of 32");
      assertEquals(tt.bytesFor(t.elements()), t.bytes(), t.name());
      expectedOffset = (t.offset() + t.bytes() + 31) / 32 * 32;
      checkValues(file, g, t);
    }
    assertEquals(g.dataOffset() + expectedOffset, g.fileSize(), "the file ends padded to the alignment");
  }

  /** Decodes a tensor from the file and compares it with what was written, within the type's precision. */
  private static void checkValues(Path file, GgufFile g, TensorInfo t) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate((int) t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file)) {
      ch.read(bytes, g.dataOffset() + t.offset());
    }
    bytes.flip();
    int n = (int) t.elements();
    float[] written = values(t.name(), n);
    float[] read = new float[n];
    TensorCodec.decode(t.type(), bytes, read, 0, n);
    for (int block = 0; block < n; block += t.type().blockSize()) {
      float amax = 0;
      for (int i = block; i < block + t.type().blockSize(); i++) {
        amax = Math.max(amax, Math.abs(written[i]));
      }
      for (int i = block; i < block + t.type().blockSize(); i++) {
        float x = written[i];
        // One quantization step and the half-float scale's own error (2^-11 relative) on top.
        double tolerance = switch (t.type()) {
          case F32 -> 0;
          case F16 -> Math.abs(x) * 0x1p-11 + 0x1p-25;
          case Q8_0 -> amax / 127.0 * 0.57;
          case Q4_0 -> amax / 8.0 * 1.01;
          default -> throw new AssertionError(t.type());
        };
        assertEquals(x, read[i], tolerance, t.name() + "[" + i + "] as " + t.type().label());
      }
    }
  }

  @Test
  void read_alignment64_placesEveryTensorOnMultiplesOf64() {
    GgufWriter w = TinyGguf.writer(GgmlType.F16, GgufRoundTripTest::values).alignment(64);
    Path file = dir.resolve("a64.gguf");
    w.write(file);
    GgufFile g = GgufFile.read(file);
    assertEquals(64, g.alignment());
    assertEquals(0, g.dataOffset() % 64);
    assertTrue(g.tensors().stream().allMatch(t -> t.offset() % 64 == 0), g.tensors().toString());
    assertEquals(0, g.fileSize() % 64);
  }

  @Test
  void read_everyGgufValueType_givesTypedValues() throws IOException {
    RawGguf raw = TinyGguf.raw();
    raw.put("v.u8", GgufValueType.UINT8, 255);
    raw.put("v.i8", GgufValueType.INT8, -128);
    raw.put("v.u16", GgufValueType.UINT16, 65535);
    raw.put("v.i16", GgufValueType.INT16, -32768);
    raw.put("v.u32", GgufValueType.UINT32, 0xffff_ffffL);
    raw.put("v.i32", GgufValueType.INT32, -2);
    raw.put("v.u64", GgufValueType.UINT64, Long.MIN_VALUE);
    raw.put("v.i64", GgufValueType.INT64, Long.MIN_VALUE + 1);
    raw.put("v.f32", GgufValueType.FLOAT32, -0.25f);
    raw.put("v.f64", GgufValueType.FLOAT64, Math.PI);
    raw.put("v.bool", GgufValueType.BOOL, true);
    raw.put("v.string", GgufValueType.STRING, "\u00e4");
    raw.put("v.bytes", GgufValueType.ARRAY, new Arr(GgufValueType.UINT8, List.of(0, 127, 128, 255)));
    raw.put("v.shorts", GgufValueType.ARRAY, new Arr(GgufValueType.INT16, List.of(-1, 1)));
    raw.put("v.doubles", GgufValueType.ARRAY, new Arr(GgufValueType.FLOAT64, List.of(0.1, -2.0)));
    raw.put("v.bools", GgufValueType.ARRAY, new Arr(GgufValueType.BOOL, List.of(false, true)));
    raw.put("v.longs", GgufValueType.ARRAY, new Arr(GgufValueType.INT64, List.of(Long.MAX_VALUE)));
    Path file = Files.write(dir.resolve("types.gguf"), raw.bytes());

    Map<String, Object> m = GgufFile.read(file).metadata();
    assertEquals(255L, m.get("v.u8"));
    assertEquals(-128L, m.get("v.i8"));
    assertEquals(65535L, m.get("v.u16"));
    assertEquals(-32768L, m.get("v.i16"));
    assertEquals(0xffff_ffffL, m.get("v.u32"));
    assertEquals(-2L, m.get("v.i32"));
    assertEquals(Long.MIN_VALUE, m.get("v.u64"), "2^63 as a uint64 keeps its bits");
    assertEquals(Long.MIN_VALUE + 1, m.get("v.i64"));
    assertEquals(-0.25, m.get("v.f32"));
    assertEquals(Math.PI, m.get("v.f64"));
    assertEquals(true, m.get("v.bool"));
    assertEquals("\u00e4", m.get("v.string"));
    assertEquals(List.of(0L, 127L, 128L, 255L), m.get("v.bytes"));
    assertEquals(List.of(-1L, 1L), m.get("v.shorts"));
    assertEquals(List.of(0.1, -2.0), m.get("v.doubles"));
    assertEquals(List.of(false, true), m.get("v.bools"));
    assertEquals(List.of(Long.MAX_VALUE), m.get("v.longs"));
  }

  @Test
  void read_arrayOfArrays_isRejectedBecauseLlamaCppCannotReadIt() throws IOException {
    RawGguf raw = TinyGguf.raw();
    raw.put("v.nested", GgufValueType.ARRAY, new Arr(GgufValueType.ARRAY, List.of(new Arr(GgufValueType.INT32,
        List.of(1)))));
    Path file = Files.write(dir.resolve("nested.gguf"), raw.bytes());
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GgufFile.read(file));
    assertEquals(raw.valuePosition("v.nested") + 4, e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains("'v.nested' is an array of arrays"), e.getMessage());
  }

  @Test
  void writer_refusesWhatNoReaderCouldRead() {
    GgufWriter w = new GgufWriter();
    w.putUint32("a", 1);
    assertThrows(IllegalArgumentException.class, () -> w.putUint32("a", 2));
    assertThrows(IllegalArgumentException.class, () -> w.putUint32("b", -1));
    assertThrows(IllegalArgumentException.class, () -> w.putUint32("general.alignment", 64));
    assertThrows(IllegalArgumentException.class, () -> w.alignment(48));
    assertThrows(IllegalArgumentException.class, () -> w.alignment(0));
    GgufWriter.TensorData none = out -> { };
    w.addTensor("t", GgmlType.F32, new long[] {4}, none);
    assertThrows(IllegalArgumentException.class, () -> w.addTensor("t", GgmlType.F32, new long[] {4}, none));
    assertThrows(IllegalArgumentException.class, () -> w.addTensor("u", GgmlType.Q8_0, new long[] {16}, none));
    assertThrows(IllegalArgumentException.class, () -> w.addTensor("v", GgmlType.F32, new long[] {4, 0}, none));
    assertThrows(IllegalArgumentException.class, () -> w.addTensor("w", GgmlType.F32, new long[] {1, 1, 1, 1, 1}, none));
  }

  @Test
  void write_tensorDataThatLeavesBytesUnfilled_fails() {
    GgufWriter w = new GgufWriter();
    w.addTensor("t", GgmlType.F32, new long[] {4}, out -> out.putFloat(1f));
    assertThrows(IllegalStateException.class, () -> w.write(dir.resolve("short.gguf")));
  }
}
