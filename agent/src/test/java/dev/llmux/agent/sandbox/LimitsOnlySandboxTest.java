package dev.llmux.agent.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without bubblewrap the sandbox still applies limits and kills the tree, and says isolation is weaker. */
final class LimitsOnlySandboxTest {

  @TempDir Path tmp;

  @Test
  void run_withoutBubblewrap_saysIsolationIsWeaker() throws Exception {
    Sandbox s = Sandbox.limitsOnly("test: bubblewrap deliberately not used");
    assertEquals(Isolation.LIMITS_ONLY, s.isolation());
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    SandboxResult r = s.run(SandboxRequest.builder(ws, List.of("sh", "-c", "echo ok")).build());
    assertEquals("ok", r.stdout().strip());
    assertTrue(r.describe().contains("isolation: weaker (no bubblewrap)"), r.describe());
  }

  @Test
  void run_withoutBubblewrap_killsTheWholeTreeAtTheWallClock() throws Exception {
    Sandbox s = Sandbox.limitsOnly("test");
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    String marker = "llmux-fallback-" + UUID.randomUUID();
    SandboxLimits limits = SandboxLimits.builder().wallClock(Duration.ofSeconds(1)).build();
    SandboxResult r = s.run(SandboxRequest.builder(ws, List.of("python3", "-c",
        "import os, time\nif os.fork() == 0:\n    time.sleep(1000)\ntime.sleep(1000)\n", marker)).limits(limits).build());
    assertTrue(r.timedOut(), r.describe());
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!HostileProgramsTest.processesWithMarker(marker).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(List.of(), HostileProgramsTest.processesWithMarker(marker));
  }

  @Test
  void run_withoutBubblewrap_stillLimitsCpu() throws Exception {
    Sandbox s = Sandbox.limitsOnly("test");
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    SandboxLimits limits = SandboxLimits.builder().cpuSeconds(1).wallClock(Duration.ofSeconds(20)).build();
    SandboxResult r = s.run(SandboxRequest.builder(ws, List.of("python3", "-c", "while True: pass")).limits(limits).build());
    assertEquals(128 + 24, r.exitCode(), r.describe());
  }
}
