package dev.llmux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void write_newFile_getsTheModeOfAPlainNewFileNotOwnerOnly() throws IOException {
    Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    Path written = dir.resolve("written.gguf");
    AtomicFiles.writeString(written, "x");
    assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(written)), "the umask decides, as for any new file");
  }

  @Test
  void write_existingFile_isReplacedWhole() throws IOException {
    Path f = dir.resolve("sub/policy.json");
    AtomicFiles.writeString(f, "old");
    AtomicFiles.write(f, "new content".getBytes(StandardCharsets.UTF_8));
    assertEquals("new content", Files.readString(f));
    assertEquals(List.of(f), files(f.getParent()));
  }

  @Test
  void write_contentFails_leavesOldVersionAndNoTemporaryFile() throws IOException {
    Path f = dir.resolve("model.gguf");
    AtomicFiles.write(f, new byte[] {1, 2, 3});
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, channel -> {
      channel.write(ByteBuffer.wrap(new byte[] {9, 9}));
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    assertEquals(List.of(f), files(dir));
  }

  private static List<Path> files(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }
}
