package dev.llmux.agent.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run has written: workspace growth and its temp folders, never the host's {@code /tmp}. */
final class DiskUseTest {

  @TempDir Path tmp;

  @Test
  void written_countsGrowthOfTheWorkspaceAndTheHostScratch() throws Exception {
    Path ws = Files.createDirectory(tmp.resolve("ws"));
    Files.write(ws.resolve("before.bin"), new byte[1000]);
    Path scratch = Files.createDirectory(tmp.resolve("scratch"));
    DiskUse disk = new DiskUse(ws, scratch);
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertEquals(0, disk.written(p));
    Files.write(ws.resolve("after.bin"), new byte[300]);
    Files.write(scratch.resolve("t.bin"), new byte[20]);
    assertEquals(320, disk.written(p));
  }

  @Test
  void written_whileTheSandboxIsBeingBuilt_ignoresTheHostsTmp() throws Exception {
    // A process in a new mount namespace that still sees the host's root: what bubblewrap's
    // processes see before they switch to the sandbox's root.
    Files.write(tmp.resolve("host-file.bin"), new byte[1 << 20]);
    Path ws = Files.createDirectory(tmp.resolve("ws"));
    DiskUse disk = new DiskUse(ws, null);
    Process p = new ProcessBuilder("sh", "-c", "unshare --mount --propagation private sleep 600; exit 0")
        .redirectErrorStream(true).redirectOutput(tmp.resolve("unshare.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      // wait until the shell's child runs in its own namespace (or unshare gave up)
      while (!inOwnMountNamespace(p) && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Assumptions.assumeTrue(inOwnMountNamespace(p), "unshare --mount is not permitted here: "
          + Files.readString(tmp.resolve("unshare.log")));
      assertEquals(0, disk.written(p), "the host's /tmp was counted as the sandbox's");
    } finally {
      p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
  }

  private static boolean inOwnMountNamespace(Process p) throws Exception {
    String own = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
    for (ProcessHandle h : p.descendants().toList()) {
      try {
        if (!Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "ns", "mnt")).toString().equals(own)) {
          return true;
        }
      } catch (java.io.IOException e) {
        // ended meanwhile
      }
    }
    return false;
  }
}
