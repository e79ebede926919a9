package dev.llmux.agent.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders left by killed runs are removed; folders of live runs and foreign folders are kept. */
final class OwnedTempDirsTest {

  @TempDir Path tmp;

  @Test
  void cleanStale_removesFoldersOfGoneOwners_andKeepsLiveOnes() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    long deadStart = dead.toHandle().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    assertTrue(dead.waitFor(60, TimeUnit.SECONDS));
    ProcessHandle self = ProcessHandle.current();
    long selfStart = self.info().startInstant().orElseThrow().toEpochMilli();
    Path gone = Files.createDirectories(tmp.resolve("llmux-ws-" + dead.pid() + "-" + deadStart + "-123").resolve("sub"));
    Files.writeString(gone.resolve("f.txt"), "x");
    Path reused = Files.createDirectory(tmp.resolve("llmux-sandbox-" + self.pid() + "-" + (selfStart - 3_600_000) + "-456"));
    Path live = Files.createDirectory(tmp.resolve("llmux-harness-" + self.pid() + "-" + selfStart + "-789"));
    Path oldStyle = Files.createDirectory(tmp.resolve("llmux-ws-1234567890"));
    Path foreign = Files.createDirectory(tmp.resolve("other-" + dead.pid() + "-" + deadStart + "-1"));

    List<Path> removed = OwnedTempDirs.cleanStale(tmp);

    assertFalse(Files.exists(gone.getParent()), "the folder of a process that is gone stays");
    assertFalse(Files.exists(reused), "the folder of a reused PID stays");
    assertTrue(Files.exists(live), "the folder of this live process was removed");
    assertTrue(Files.exists(oldStyle), "a folder without an owner was removed");
    assertTrue(Files.exists(foreign));
    assertEquals(2, removed.size(), removed.toString());
  }

  @Test
  void create_namesTheFolderAfterThisProcess_soLaterRunsKeepIt() throws Exception {
    Path dir = OwnedTempDirs.create("ws");
    try {
      assertTrue(dir.getFileName().toString().startsWith("llmux-ws-" + ProcessHandle.current().pid() + "-"), dir.toString());
      OwnedTempDirs.cleanStale(dir.getParent());
      assertTrue(Files.isDirectory(dir));
    } finally {
      OwnedTempDirs.deleteTree(dir);
    }
  }
}
