package dev.llmux.agent.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile programs run in the bubblewrap sandbox: each is contained and reported, the JVM is
 * unharmed and no process is left behind. These tests fail (never skip) when bubblewrap is
 * missing, because {@code .ci/run} installs it.
 */
final class HostileProgramsTest {

  private static Sandbox sandbox;

  @TempDir Path tmp;
  private Path ws;
  private Path outside;
  private String marker;

  @BeforeAll
  static void requireBubblewrap() {
    sandbox = Sandbox.requireBubblewrap();
  }

  @BeforeEach
  void setUp() throws IOException {
    ws = Files.createDirectory(tmp.resolve("ws"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "TOP-SECRET-" + UUID.randomUUID());
    marker = "llmux-hostile-" + UUID.randomUUID();
  }

  @AfterEach
  void nothingLeftBehind() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<Long> left = processesWithMarker(marker);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = processesWithMarker(marker);
    }
    assertEquals(List.of(), left, "processes of the hostile program are still running");
    assertEquals(0, ProcessHandle.current().descendants().count(), "the JVM still has child processes");
    SandboxResult after = run("print('still fine')", SandboxLimits.DEFAULT);
    assertEquals(0, after.exitCode(), "the sandbox no longer works after the hostile program: " + after.describe() + ": "
        + after.stderr());
  }

  @Test
  void forkBomb_isStoppedByTheProcessLimit_andTheTreeIsKilled() {
    SandboxLimits limits = SandboxLimits.builder().processes(32).wallClock(Duration.ofSeconds(3)).build();
    SandboxResult r = run("""
        import os
        forks = 0
        while True:
            try:
                os.fork()
                forks += 1
            except OSError:
                pass
        """, limits);
    assertTrue(r.timedOut() || r.exitCode() != 0, r.describe());
  }

  @Test
  void memoryHog_failsAtTheMemoryLimit() {
    SandboxLimits limits = SandboxLimits.builder().memoryBytes(256L << 20).build();
    SandboxResult r = run("""
        chunks = []
        while True:
            chunks.append(bytearray(16 * 1024 * 1024))
        """, limits);
    assertFalse(r.timedOut(), r.describe());
    assertTrue(r.exitCode() != 0, r.describe());
    assertTrue(r.stderr().contains("MemoryError"), r.stderr());
  }

  @Test
  void infiniteLoop_isKilledByTheCpuLimit() {
    SandboxLimits limits = SandboxLimits.builder().cpuSeconds(1).wallClock(Duration.ofSeconds(20)).build();
    SandboxResult r = run("while True:\n    pass\n", limits);
    assertFalse(r.timedOut(), "the CPU limit, not the wall clock, should stop it: " + r.describe());
    assertEquals(128 + 24, r.exitCode(), r.describe());
    assertTrue(r.describe().contains("CPU-time limit"), r.describe());
  }

  @Test
  void sleepingForever_withADetachedChild_isKilledAtTheWallClockLimit() {
    SandboxLimits limits = SandboxLimits.builder().wallClock(Duration.ofSeconds(1)).build();
    SandboxResult r = run("""
        import os, sys, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(10**6)
            os._exit(0)
        time.sleep(10**6)
        """, limits);
    assertTrue(r.timedOut(), r.describe());
    assertTrue(r.describe().contains("wall-clock"), r.describe());
  }

  @Test
  void outputFlood_isCappedWithAMarker() {
    // A fixed flood, so the test does not depend on how much a busy machine lets it write in time.
    SandboxLimits limits = SandboxLimits.builder().outputBytes(4096).build();
    SandboxResult r = run("""
        import sys
        line = 'x' * 1023 + '\\n'
        for _ in range(8192):
            sys.stdout.write(line)
        sys.stdout.write('END\\n')
        """, limits);
    assertEquals(8192 * 1024 + 4, r.stdoutBytes(), r.describe());
    assertTrue(r.stdout().endsWith("END\n"), "the last bytes must be kept");
    assertTrue(r.truncated());
    assertTrue(r.stdout().length() < 4096 + 200, "kept " + r.stdout().length() + " chars");
    assertTrue(r.stdout().contains("bytes truncated"), r.stdout().substring(0, 100));
  }

  @Test
  void diskFlood_inTheWorkspaceAndTmp_isStoppedAtTheDiskLimit() throws IOException {
    SandboxLimits limits = SandboxLimits.builder().diskBytes(32L << 20).fileSizeBytes(4L << 20).build();
    SandboxResult r = run("""
        import os
        dirs = ['.', os.environ['TMPDIR'], '/tmp']
        chunk = b'x' * (1 << 20)
        i = 0
        while True:
            d = dirs[i % 3]
            try:
                with open(os.path.join(d, 'flood%d' % i), 'wb') as f:
                    for _ in range(3):
                        f.write(chunk)
            except OSError:
                pass
            i += 1
        """, limits);
    assertFalse(r.timedOut(), "the disk limit, not the wall clock, should stop it: " + r.describe());
    assertTrue(r.diskLimitPassed(), r.describe());
    assertFalse(r.succeeded(), r.describe());
    assertTrue(r.describe().contains("disk limit passed"), r.describe());
    assertTrue(r.diskWritten() > 32L << 20, r.describe());
  }

  @Test
  void workspaceHoldingMoreThanTheDiskLimit_runsNormally() throws IOException {
    // The workspace lies below /tmp, so it is mounted inside the sandbox's /tmp: its bytes are the
    // workspace's, counted by growth only, not the sandbox's temp files.
    try (java.io.RandomAccessFile big = new java.io.RandomAccessFile(ws.resolve("big.bin").toFile(), "rw")) {
      big.setLength(2L << 30); // sparse: no disk space used
    }
    SandboxLimits limits = SandboxLimits.builder().diskBytes(16L << 20).build();
    SandboxResult r = run("import time\ntime.sleep(0.5)\nprint('fine')\n", limits);
    assertEquals("fine", r.stdout().strip(), r.describe() + ": " + r.stderr());
    assertTrue(r.succeeded(), r.describe());
  }

  @Test
  void tmpFlood_endsWithNoSpaceLeft_atTheDiskLimit() {
    SandboxLimits limits = SandboxLimits.builder().diskBytes(16L << 20).fileSizeBytes(64L << 20).build();
    SandboxResult r = run("""
        import errno
        written = 0
        try:
            with open('/tmp/big', 'wb') as f:
                while True:
                    f.write(b'x' * 65536)
                    f.flush()
                    written += 65536
        except OSError as e:
            print('stopped', errno.errorcode[e.errno], written)
        """, limits);
    assertTrue(r.stdout().startsWith("stopped ENOSPC "), r.stdout() + r.stderr());
    long written = Long.parseLong(r.stdout().strip().split(" ")[2]);
    assertTrue(written <= 16L << 20, "the sandbox's /tmp held " + written + " bytes");
    assertFalse(r.diskLimitPassed(), r.describe());
  }

  @Test
  void workspace_belowFoldersOnlyRootMayEnter_isUsable() throws IOException {
    // JUnit's temp folder is drwx------; the program runs as another user when the tests run as root.
    Path deep = Files.createDirectories(tmp.resolve("a").resolve("b").resolve("ws"));
    Files.writeString(deep.resolve("p.py"), "print(1)\n");
    SandboxResult r = sandbox.run(SandboxRequest.builder(deep, List.of("python3", "p.py", marker)).build());
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertEquals("1", r.stdout().strip());
    SandboxResult abs = sandbox.run(SandboxRequest.builder(deep, List.of("python3", deep.resolve("p.py").toString(), marker)).build());
    assertEquals("1", abs.stdout().strip(), abs.stderr());
  }

  @Test
  void networkConnection_toTheHostsLoopback_neverArrives() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            accepted.incrementAndGet();
          } catch (IOException e) {
            return;
          }
        }
      });
      t.setDaemon(true);
      t.start();
      SandboxResult r = run("""
          import socket, sys
          for host in ('127.0.0.1', 'localhost'):
              try:
                  socket.create_connection((host, %d), timeout=2).close()
                  print('CONNECTED', host)
              except OSError as e:
                  print('refused', host, e)
          try:
              socket.create_connection(('1.1.1.1', 53), timeout=2).close()
              print('CONNECTED outside')
          except OSError as e:
              print('refused outside', e)
          """.formatted(server.getLocalPort()), SandboxLimits.DEFAULT);
      assertFalse(r.stdout().contains("CONNECTED"), r.stdout());
      assertTrue(r.stdout().contains("refused 127.0.0.1"), r.stdout() + r.stderr());
    }
    assertEquals(0, accepted.get(), "the sandboxed program reached the host's loopback");
  }

  @Test
  void readingFilesOutsideTheWorkspace_fails() throws IOException {
    String secret = Files.readString(outside.resolve("secret.txt"));
    SandboxResult r = run("""
        import sys
        for p in sys.argv[2:]:
            try:
                print('READ', p, open(p).read()[:200])
            except OSError as e:
                print('denied', p, type(e).__name__)
        """, SandboxLimits.DEFAULT, outside.resolve("secret.txt").toString(), "/etc/shadow", "/root/.bash_history",
        System.getProperty("user.home") + "/.m2/settings.xml");
    assertFalse(r.stdout().contains(secret), r.stdout());
    assertFalse(r.stdout().contains("READ"), r.stdout());
    assertTrue(r.stdout().contains("denied " + outside.resolve("secret.txt")), r.stdout() + r.stderr());
  }

  @Test
  void writingOutsideTheWorkspace_fails_andWritingInsideWorks() {
    Path pwned = outside.resolve("pwned.txt");
    Path hostTmp = Path.of("/tmp", marker + ".txt");
    SandboxResult r = run("""
        import sys
        for p in sys.argv[2:]:
            try:
                with open(p, 'w') as f:
                    f.write('pwned')
                print('WROTE', p)
            except OSError as e:
                print('denied', p, type(e).__name__)
        """, SandboxLimits.DEFAULT, pwned.toString(), "/usr/" + marker, "/etc/" + marker, hostTmp.toString(), "inside.txt");
    assertFalse(Files.exists(pwned), r.stdout());
    assertFalse(Files.exists(Path.of("/usr", marker)), r.stdout());
    assertFalse(Files.exists(Path.of("/etc", marker)), r.stdout());
    assertFalse(Files.exists(hostTmp), "the sandbox's /tmp must not be the host's: " + r.stdout());
    assertTrue(r.stdout().contains("denied " + pwned), r.stdout() + r.stderr());
    assertTrue(Files.exists(ws.resolve("inside.txt")), "the workspace must be writable: " + r.stdout() + r.stderr());
  }

  @Test
  void symlinkEscape_doesNotReachTheTarget() throws IOException {
    String secret = Files.readString(outside.resolve("secret.txt"));
    SandboxResult r = run("""
        import os, sys
        secret, outdir = sys.argv[2], sys.argv[3]
        os.symlink(secret, 'link-to-secret')
        os.symlink(outdir, 'link-to-outside')
        try:
            print('READ', open('link-to-secret').read())
        except OSError as e:
            print('denied read', type(e).__name__)
        try:
            with open('link-to-outside/planted.txt', 'w') as f:
                f.write('x')
            print('WROTE through link')
        except OSError as e:
            print('denied write', type(e).__name__)
        """, SandboxLimits.DEFAULT, outside.resolve("secret.txt").toString(), outside.toString());
    assertFalse(r.stdout().contains(secret), r.stdout());
    assertTrue(r.stdout().contains("denied read"), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("denied write"), r.stdout() + r.stderr());
    assertFalse(Files.exists(outside.resolve("planted.txt")));
  }

  @Test
  void killingTheParentProcess_leavesTheJvmAndItsOtherChildrenAlive() throws Exception {
    Process sentinel = new ProcessBuilder("sleep", "120").start();
    try {
      SandboxResult r = run("""
          import os, signal, sys
          targets = [os.getppid(), 1, int(sys.argv[2]), int(sys.argv[3])]
          for pid in targets:
              try:
                  os.kill(pid, signal.SIGKILL)
                  print('killed', pid)
              except OSError as e:
                  print('cannot kill', pid, type(e).__name__)
          try:
              os.kill(-1, signal.SIGKILL)
          except OSError as e:
              print('cannot kill all', type(e).__name__)
          print('done')
          """, SandboxLimits.DEFAULT, Long.toString(ProcessHandle.current().pid()), Long.toString(sentinel.pid()));
      assertTrue(sentinel.isAlive(), "the sandbox killed a process outside it: " + r.stdout());
      assertTrue(r.stdout().contains("cannot kill " + ProcessHandle.current().pid()) || !r.stdout().contains("killed " + ProcessHandle.current().pid()),
          r.stdout());
    } finally {
      sentinel.destroyForcibly();
      sentinel.waitFor(5, TimeUnit.SECONDS);
    }
    assertTrue(ProcessHandle.current().isAlive());
  }

  @Test
  void environment_isClearedToTheAllowlist() {
    SandboxResult r = run("""
        import os
        print(sorted(os.environ))
        """, SandboxLimits.DEFAULT);
    // bubblewrap sets PWD for --chdir; nothing of the JVM's environment gets through.
    assertEquals("['HOME', 'LANG', 'PATH', 'PWD', 'TMPDIR']", r.stdout().strip(), r.stderr());
  }

  private SandboxResult run(String program, SandboxLimits limits, String... args) {
    List<String> cmd = new ArrayList<>(List.of("python3", "-I", "-c", program, marker));
    cmd.addAll(List.of(args));
    return sandbox.run(SandboxRequest.builder(ws, cmd).limits(limits).build());
  }

  /** Pids of processes whose command line contains {@code marker}, read from /proc. */
  static List<Long> processesWithMarker(String marker) throws IOException {
    List<Long> found = new ArrayList<>();
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        String name = d.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains(marker)) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException e) {
          // the process ended while we looked
        }
      }
    }
    return found;
  }
}
