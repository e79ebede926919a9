package dev.llmux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files through a temporary file beside the target and a rename, so a crash leaves the old
 * or the new version, never half of one. The one write-then-rename of the project: policies,
 * trajectories' exports, models, reports and the extracted native library all go through it.
 *
 * <p>A file written here gets the mode a plain new file would get (what the umask allows, usually
 * {@code rw-r--r--}), not the owner-only mode of {@link Files#createTempFile}; where privacy is
 * meant (the native library's cache), the caller makes its own private temporary file and uses
 * {@link #move}.
 */
public final class AtomicFiles {

  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /** Writes the file's content to an open channel; may throw {@link IOException}. */
  @FunctionalInterface
  public interface Content {
    /** Writes everything to {@code channel}. */
    void writeTo(FileChannel channel) throws IOException;
  }

  /**
   * Replaces {@code target} with {@code bytes}: writes a temporary file beside it, forces it to
   * disk and renames it over the target (atomically where the file system allows).
   *
   * @throws IOException when the folder cannot be created or written
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, channel -> {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    });
  }

  /** Replaces {@code target} with {@code text} in UTF-8, as {@link #write(Path, byte[])}. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Replaces {@code target} with what {@code content} writes: a temporary file beside the target
   * (hidden, named after it, created like any new file so the umask decides its mode), forced to
   * disk, then renamed over it. The temporary file is removed when anything fails; the target is
   * then untouched.
   *
   * @throws IOException when the folder cannot be created or written, or {@code content} fails
   */
  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path temp = null;
    try {
      FileChannel channel = null;
      while (channel == null) {
        temp = dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
          channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
          temp = null; // Another writer's temporary file: pick another name.
        }
      }
      try (FileChannel c = channel) {
        content.writeTo(c);
        c.force(true);
      }
      move(temp, absolute);
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Renames {@code from} over {@code to}, atomically where the file system allows. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
