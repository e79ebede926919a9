package dev.llmux.engine.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Bounded little-endian reads from a GGUF file's header. Every read checks that the bytes exist
 * before touching them, and every length is checked against the bytes left in the file before
 * anything is allocated for it, so a hostile header cannot make llmux allocate more than the file
 * justifies. Errors are {@link ModelFormatException}s naming the offset.
 */
final class GgufInput {

  private static final int WINDOW = 1 << 16;

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final ByteBuffer buf = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
  private long bufStart;
  private long pos;

  GgufInput(Path file, FileChannel channel, long size) {
    this.file = file;
    this.channel = channel;
    this.size = size;
    buf.limit(0);
  }

  /** A second reader of the same file, positioned at {@code offset}, for looking ahead. */
  GgufInput copyAt(long offset) {
    GgufInput copy = new GgufInput(file, channel, size);
    copy.pos = offset;
    return copy;
  }

  long position() {
    return pos;
  }

  long size() {
    return size;
  }

  long remaining() {
    return size - pos;
  }

  ModelFormatException error(long at, String problem) {
    return new ModelFormatException(file, at, problem);
  }

  private void need(int n, String what) {
    if (n > remaining()) {
      throw error(pos, "the file ends inside " + what + " (needs " + n + " bytes, " + remaining()
          + " left): the file is truncated");
    }
    long inBuf = pos - bufStart;
    if (inBuf >= 0 && inBuf + n <= buf.limit()) {
      buf.position((int) inBuf);
      return;
    }
    try {
      buf.clear();
      bufStart = pos;
      channel.position(pos);
      while (buf.position() < n) {
        if (channel.read(buf) < 0) {
          throw error(pos, "unexpected end of file while reading " + what);
        }
      }
      buf.flip();
    } catch (IOException e) {
      throw error(pos, "cannot read " + what + ": " + e.getMessage());
    }
  }

  int u8(String what) {
    need(1, what);
    pos += 1;
    return Byte.toUnsignedInt(buf.get());
  }

  long u32(String what) {
    need(4, what);
    pos += 4;
    return Integer.toUnsignedLong(buf.getInt());
  }

  int i32(String what) {
    need(4, what);
    pos += 4;
    return buf.getInt();
  }

  /** An unsigned 64-bit value; values above {@link Long#MAX_VALUE} are errors (no file is that big). */
  long u64(String what) {
    long at = pos;
    need(8, what);
    pos += 8;
    long v = buf.getLong();
    if (v < 0) {
      throw error(at, what + " is " + Long.toUnsignedString(v) + ", far beyond any real value");
    }
    return v;
  }

  long i64(String what) {
    need(8, what);
    pos += 8;
    return buf.getLong();
  }

  float f32(String what) {
    need(4, what);
    pos += 4;
    return buf.getFloat();
  }

  double f64(String what) {
    need(8, what);
    pos += 8;
    return buf.getDouble();
  }

  int u16(String what) {
    need(2, what);
    pos += 2;
    return Short.toUnsignedInt(buf.getShort());
  }

  short i16(String what) {
    need(2, what);
    pos += 2;
    return buf.getShort();
  }

  byte i8(String what) {
    need(1, what);
    pos += 1;
    return buf.get();
  }

  /** A length-prefixed UTF-8 string of at most {@code max} bytes. */
  String string(String what, long max) {
    return decode(bytes(what, max));
  }

  /** The raw bytes of a length-prefixed string of at most {@code max} bytes. */
  byte[] bytes(String what, long max) {
    long at = pos;
    long len = u64("the length of " + what);
    if (len > remaining()) {
      throw error(at, "the length of " + what + " is " + len + " bytes but only " + remaining()
          + " bytes are left in the file");
    }
    if (len > max) {
      throw error(at, what + " is " + len + " bytes long; at most " + max + " are allowed");
    }
    byte[] bytes = new byte[(int) len];
    int done = 0;
    while (done < len) {
      int chunk = (int) Math.min(WINDOW, len - done);
      need(chunk, what);
      buf.get(bytes, done, chunk);
      pos += chunk;
      done += chunk;
    }
    return bytes;
  }

  /** The text of a string's bytes. */
  static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      // Token texts of byte-level vocabularies may hold partial UTF-8; keep them readable.
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Skips to {@code offset}, which must not lie before the current position or beyond the file. */
  void seek(long offset) {
    if (offset > size) {
      throw error(pos, "the data section would start at " + offset + ", beyond the end of the file (" + size + " bytes)");
    }
    pos = offset;
  }
}
