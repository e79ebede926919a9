package dev.llmux.agent.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Measures how many bytes a sandboxed run has written: what its workspace grew by since the start,
 * plus what its temp folders hold (the host scratch folder without bubblewrap; the sandbox's own
 * {@code /tmp}, seen through {@code /proc/PID/root}, with it).
 */
final class DiskUse {

  private final Path workspace;
  private final Path hostScratch;
  private final long baseline;
  private final String ownMountNamespace;
  private final Object hostTmpDevice = device(Path.of("/tmp"));
  private final Object hostRootDevice = device(Path.of("/"));
  private long insidePid = -1;

  /** Starts measuring; {@code hostScratch} is {@code null} when the temp folders live in the sandbox. */
  DiskUse(Path workspace, Path hostScratch) {
    this.workspace = workspace;
    this.hostScratch = hostScratch;
    this.baseline = size(workspace);
    this.ownMountNamespace = mountNamespace("self");
  }

  /** Bytes written so far by the run of {@code p}. */
  long written(Process p) {
    long total = Math.max(0, size(workspace) - baseline);
    if (hostScratch != null) {
      total += size(hostScratch);
    } else {
      Path tmp = sandboxTmp(p);
      if (tmp != null) {
        // only the tmpfs itself: the workspace and other mounts below /tmp are not its bytes
        total += size(tmp, device(tmp));
      }
    }
    return total;
  }

  /**
   * The sandbox's {@code /tmp} as seen from here, or {@code null} while it is not set up yet or
   * once the sandbox is gone. While bubblewrap builds the sandbox its processes still see the
   * host's root, so a {@code /tmp} counts only when it is not the host's and holds the folder
   * bubblewrap makes in the sandbox's own.
   */
  private Path sandboxTmp(Process p) {
    if (insidePid > 0 && Files.isDirectory(Path.of("/proc", Long.toString(insidePid), "root", "tmp"))) {
      Path tmp = Path.of("/proc", Long.toString(insidePid), "root", "tmp");
      return isSandboxTmp(tmp) ? tmp : null;
    }
    insidePid = -1;
    if (ownMountNamespace == null) {
      return null;
    }
    Optional<ProcessHandle> inside = p.descendants()
        .filter(h -> {
          String ns = mountNamespace(Long.toString(h.pid()));
          return ns != null && !ns.equals(ownMountNamespace);
        })
        .findFirst();
    if (inside.isEmpty()) {
      return null;
    }
    insidePid = inside.get().pid();
    Path tmp = Path.of("/proc", Long.toString(insidePid), "root", "tmp");
    return isSandboxTmp(tmp) ? tmp : null;
  }

  private boolean isSandboxTmp(Path tmp) {
    Object dev = device(tmp);
    return dev != null && !dev.equals(hostTmpDevice) && !dev.equals(hostRootDevice)
        && Files.isDirectory(tmp.resolve(Sandbox.SCRATCH_INSIDE.getFileName().toString()));
  }

  private static Object device(Path p) {
    try {
      return Files.getAttribute(p, "unix:dev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String mountNamespace(String pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", pid, "ns", "mnt")).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** The sum of the sizes of the regular files under {@code top}, not following links. */
  static long size(Path top) {
    return size(top, null);
  }

  /**
   * The sum of the sizes of the regular files under {@code top}, not following links and, when
   * {@code device} is given, not entering folders of another file system (mount points).
   */
  static long size(Path top, Object device) {
    long[] sum = {0};
    try {
      Files.walkFileTree(top, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return device == null || device.equals(device(dir)) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            sum[0] += attrs.size();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          // deleted while we walked, or not ours to read: count what we can see
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // the folder is gone: nothing more to count
    }
    return sum[0];
  }
}
