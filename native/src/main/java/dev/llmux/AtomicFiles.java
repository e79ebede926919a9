package dev.llmux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files through a temporary file beside the target and a rename, so a crash leaves the old
 * or the new version, never half of one. The one write-then-rename of the project: policies,
 * trajectories' exports, models, reports and the extracted native library all go through it.
 */
public final class AtomicFiles {

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
   * (hidden, named after it), forced to disk, then renamed over it. The temporary file is removed
   * when anything fails; the target is then untouched.
   *
   * @throws IOException when the folder cannot be created or written, or {@code content} fails
   */
  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        content.writeTo(channel);
        channel.force(true);
      }
      move(temp, absolute);
    } finally {
      Files.deleteIfExists(temp);
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
