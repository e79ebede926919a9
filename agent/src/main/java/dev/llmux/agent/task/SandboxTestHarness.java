package dev.llmux.agent.task;

import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.sandbox.SandboxLimits;
import dev.llmux.agent.sandbox.SandboxRequest;
import dev.llmux.agent.sandbox.SandboxResult;
import dev.llmux.agent.workspace.OwnedTempDirs;
import dev.llmux.agent.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task's pristine tests in the sandbox with the harness's own runner and accepts only a
 * result the code under test cannot fake.
 *
 * <p>Before each run the workspace's {@code tests/} is replaced by a fresh copy of the pristine
 * tests, which bubblewrap also mounts read-only over it. The runner (a file of the harness, mounted
 * read-only) reads a fresh random key from standard input before any workspace code is loaded and
 * prints one line {@code LLMUX-RESULT passed=P failed=F total=T mac=M} where M is the HMAC-SHA256
 * of the counts under that key. Lines with a wrong code, more than one valid line, or counts that
 * do not match the task's test count give no pass. What this stops: printed fake reports, early
 * {@code exit(0)}, edited or deleted tests, fake result files, a replaced {@code sys.stdout} or
 * {@code System.out}. What it does not claim to stop: code that searches the runner's own memory
 * for the key while it runs.
 */
public final class SandboxTestHarness implements Evaluator, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxTestHarness.class);
  private static final Pattern RESULT =
      Pattern.compile("^LLMUX-RESULT passed=(\\d+) failed=(\\d+) total=(\\d+) mac=([0-9a-f]{64})$", Pattern.MULTILINE);
  private static final String RESOURCE_DIR = "/dev/llmux/agent/task/harness/";
  private static final List<String> RUNNER_FILES = List.of("llmux_runner.py", "LlmuxRunner.java");
  private static final List<String> JVM_FLAGS = List.of(
      "-Xmx256m", "-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=48m", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto");

  /** The most characters of test output kept in a report. */
  public static final int OUTPUT_CHARS = 6000;

  private final Sandbox sandbox;
  private final SandboxLimits limits;
  private final SecureRandom random = new SecureRandom();
  private Path runnerDir;

  /** A harness running tests in {@code sandbox} under {@code limits}. */
  public SandboxTestHarness(Sandbox sandbox, SandboxLimits limits) {
    this.sandbox = sandbox;
    this.limits = limits;
  }

  /** A harness with limits fit for the bundled tasks: 60 s wall clock, 30 s CPU, 1 GiB address space. */
  public static SandboxTestHarness withDefaults(Sandbox sandbox) {
    return new SandboxTestHarness(sandbox,
        SandboxLimits.builder().wallClock(java.time.Duration.ofSeconds(60)).cpuSeconds(30).build());
  }

  /** The sandbox the tests run in. */
  public Sandbox sandbox() {
    return sandbox;
  }

  @Override
  public TestReport evaluate(Task task, Workspace workspace) {
    workspace.delete("tests");
    workspace.copyFrom(task.testsDir(), "tests");
    Path runners = runnerDir();
    byte[] keyBytes = new byte[32];
    random.nextBytes(keyBytes);
    String key = HexFormat.of().formatHex(keyBytes);
    Path ws = workspace.root();
    Path tests = ws.resolve("tests");
    List<String> cmd = new ArrayList<>();
    switch (task.language()) {
      case PYTHON -> cmd.addAll(List.of("python3", "-I", "-S", "-B", runners.resolve("llmux_runner.py").toString(),
          ws.toString(), tests.toString()));
      case JAVA -> {
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of(runners.resolve("LlmuxRunner.java").toString(), ws.toString(), tests.toString()));
      }
      default -> throw new IllegalStateException("no runner for " + task.language());
    }
    SandboxRequest request = SandboxRequest.builder(ws, cmd)
        .mountReadOnly(runners, runners)
        .mountReadOnly(task.testsDir().toAbsolutePath(), tests)
        .stdin(key + "\n")
        .limits(limits)
        .build();
    SandboxResult r = sandbox.run(request);
    return report(task, key, r);
  }

  /** Turns a run into a report, accepting exactly one correctly authenticated result line. */
  static TestReport report(Task task, String key, SandboxResult r) {
    Matcher m = RESULT.matcher(r.stdout());
    int valid = 0;
    int forged = 0;
    int passed = 0;
    int failed = 0;
    int total = 0;
    while (m.find()) {
      String counts = "passed=" + m.group(1) + " failed=" + m.group(2) + " total=" + m.group(3);
      if (MessageDigest.isEqual(hmac(key, counts).getBytes(StandardCharsets.US_ASCII), m.group(4).getBytes(StandardCharsets.US_ASCII))) {
        valid++;
        passed = Integer.parseInt(m.group(1));
        failed = Integer.parseInt(m.group(2));
        total = Integer.parseInt(m.group(3));
      } else {
        forged++;
      }
    }
    String stdout = RESULT.matcher(r.stdout()).replaceAll("").strip();
    StringBuilder out = new StringBuilder();
    out.append(r.stderr().strip());
    if (!stdout.isEmpty()) {
      out.append(out.length() > 0 ? "\n" : "").append(stdout);
    }
    String output = cap(out.toString());
    if (forged > 0) {
      LOG.warn("task {}: {} forged test result line(s) ignored", task.name(), forged);
      output += "\n[llmux: " + forged + " result line(s) with a wrong authentication code were ignored]";
    }
    if (r.timedOut() || r.diskLimitPassed() || (valid == 0 && r.exitCode() != 0)) {
      output += "\n[llmux: test run " + r.describe() + "]";
    }
    if (valid != 1 || r.diskLimitPassed()) {
      String problem = r.diskLimitPassed()
          ? "the test run wrote more than the disk limit (" + r.describe() + ")"
          : valid == 0
          ? (r.timedOut() ? "the test run was killed at the wall-clock limit" : "the test process ended without a result (" + r.describe() + ")")
          : "more than one authenticated result line";
      return TestReport.unverified(task.testCount(), output, problem);
    }
    if (total != task.testCount()) {
      String problem = total == 0 ? "no test ran (compilation or import failed)" : "ran " + total + " tests, the task has " + task.testCount();
      return new TestReport(passed, failed, total, task.testCount(), true, output, problem);
    }
    return new TestReport(passed, failed, total, task.testCount(), true, output, "");
  }

  static String hmac(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private static String cap(String s) {
    if (s.length() <= OUTPUT_CHARS) {
      return s;
    }
    int half = OUTPUT_CHARS / 2;
    return s.substring(0, half) + "\n[... llmux: " + (s.length() - OUTPUT_CHARS) + " characters of test output truncated ...]\n"
        + s.substring(s.length() - half);
  }

  private synchronized Path runnerDir() {
    if (runnerDir != null) {
      return runnerDir;
    }
    try {
      Path dir = OwnedTempDirs.create("harness");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (String f : RUNNER_FILES) {
        try (InputStream in = SandboxTestHarness.class.getResourceAsStream(RESOURCE_DIR + f)) {
          if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE_DIR + f + " is missing from the llmux jar");
          }
          Path target = dir.resolve(f);
          Files.copy(in, target);
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
      runnerDir = dir.toRealPath();
      return runnerDir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the test runners: " + e.getMessage(), e);
    }
  }

  /** Deletes the unpacked runners. */
  @Override
  public synchronized void close() {
    if (runnerDir != null) {
      Workspace.deleteTree(runnerDir);
      runnerDir = null;
    }
  }
}
