package dev.llmux.agent.workspace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary folders of llmux (workspaces, test runners, sandbox scratch) named after the process
 * that owns them, so that folders left behind by a killed run can be told apart and removed.
 *
 * <p>A folder is named {@code llmux-KIND-PID-START-RANDOM}, where PID and START (milliseconds
 * since the epoch) identify the owning JVM. {@link #create(String)} first removes every such
 * folder in the system temp directory whose owner is gone: no process has that PID, or the
 * process that has it started at another time (the PID was reused). Folders of live processes and
 * folders not named this way are never touched.
 */
public final class OwnedTempDirs {

  private static final Logger LOG = LoggerFactory.getLogger(OwnedTempDirs.class);

  /** The kinds of folders, as they appear in the names. */
  public static final List<String> KINDS = List.of("ws", "harness", "sandbox", "probe");

  private static final Pattern NAME = Pattern.compile("llmux-(?:ws|harness|sandbox|probe)-(\\d+)-(\\d+)-.+");

  /** Two readings of one process's start time may differ by this much (clock-tick rounding). */
  private static final long START_TOLERANCE_MILLIS = 2000;

  private OwnedTempDirs() {}

  /**
   * Removes stale folders, then creates a fresh folder of {@code kind} (one of {@link #KINDS}) in
   * the system temp directory, owned by this process.
   */
  public static Path create(String kind) throws IOException {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown kind of temporary folder: " + kind);
    }
    Path root = Path.of(System.getProperty("java.io.tmpdir"));
    cleanStale(root);
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return Files.createTempDirectory(root, "llmux-" + kind + "-" + self.pid() + "-" + start + "-");
  }

  /** Removes the folders in {@code root} whose owner process is gone; returns those removed. */
  static List<Path> cleanStale(Path root) {
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "llmux-*")) {
      for (Path dir : ds) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        if (!m.matches() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        long pid;
        long start;
        try {
          pid = Long.parseLong(m.group(1));
          start = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
          continue;
        }
        if (ownerGone(pid, start)) {
          deleteTree(dir);
          if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            removed.add(dir);
          }
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot list {} for stale llmux folders: {}", root, e.toString());
    }
    if (!removed.isEmpty()) {
      LOG.info("removed {} temporary folder(s) left by llmux runs that were killed: {}", removed.size(), removed);
    }
    return removed;
  }

  /** Whether the process that created a folder is gone: no such PID, or a PID reused since. */
  static boolean ownerGone(long pid, long startMillis) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return true;
    }
    Optional<Instant> started = h.get().info().startInstant();
    // Without a start time the process cannot be told apart from the owner: keep its folders.
    return started.isPresent() && Math.abs(started.get().toEpochMilli() - startMillis) > START_TOLERANCE_MILLIS;
  }

  /** Deletes a tree without following symbolic links; logs what it cannot delete. */
  public static void deleteTree(Path top) {
    try {
      Files.walkFileTree(top, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", top, e.toString());
    }
  }
}
