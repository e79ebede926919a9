package dev.llmux.agent.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * The resource limits of one sandboxed run. Made with {@link #builder()}; every limit applies to
 * the whole process tree.
 *
 * @param wallClock the longest the run may take before the whole tree is killed (default 30 s)
 * @param cpuSeconds CPU time per process, RLIMIT_CPU (default 20)
 * @param processes processes and threads of the sandbox user, RLIMIT_NPROC (default 128)
 * @param fileSizeBytes the largest file a process may write, RLIMIT_FSIZE (default 16 MiB)
 * @param openFiles open file descriptors per process, RLIMIT_NOFILE (default 256)
 * @param memoryBytes address space per process, RLIMIT_AS (default 1 GiB)
 * @param outputBytes how much of stdout and of stderr is kept, each; the rest is replaced by a
 *     truncation marker (default 64 KiB)
 * @param diskBytes the most bytes a run may write in all: what the workspace grows by plus what
 *     its temp folders ({@code $TMPDIR}, {@code /tmp}) hold (default 256 MiB). Measured every
 *     50 ms, when the program ends, and against the kernel for the sandbox's {@code /tmp}, which
 *     is a RAM-backed tmpfs of this size (bubblewrap 0.8+); a run past it is killed and reported
 */
public record SandboxLimits(
    Duration wallClock,
    int cpuSeconds,
    int processes,
    long fileSizeBytes,
    int openFiles,
    long memoryBytes,
    int outputBytes,
    long diskBytes) {

  /** The defaults documented on the record. */
  public static final SandboxLimits DEFAULT = builder().build();

  /** Checks every limit is positive. */
  public SandboxLimits {
    Objects.requireNonNull(wallClock, "wallClock");
    if (wallClock.isNegative() || wallClock.isZero()) {
      throw new IllegalArgumentException("wallClock is " + wallClock + ": use a positive duration");
    }
    positive("cpuSeconds", cpuSeconds);
    positive("processes", processes);
    positive("fileSizeBytes", fileSizeBytes);
    positive("openFiles", openFiles);
    positive("memoryBytes", memoryBytes);
    positive("outputBytes", outputBytes);
    positive("diskBytes", diskBytes);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " is " + value + ": use a positive value");
    }
  }

  /** A builder with the defaults documented on the record. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with these limits. */
  public Builder toBuilder() {
    return new Builder()
        .wallClock(wallClock)
        .cpuSeconds(cpuSeconds)
        .processes(processes)
        .fileSizeBytes(fileSizeBytes)
        .openFiles(openFiles)
        .memoryBytes(memoryBytes)
        .outputBytes(outputBytes)
        .diskBytes(diskBytes);
  }

  /** Builds {@link SandboxLimits}; every setter returns the builder. */
  public static final class Builder {
    private Duration wallClock = Duration.ofSeconds(30);
    private int cpuSeconds = 20;
    private int processes = 128;
    private long fileSizeBytes = 16L << 20;
    private int openFiles = 256;
    private long memoryBytes = 1L << 30;
    private int outputBytes = 64 << 10;
    private long diskBytes = 256L << 20;

    private Builder() {}

    /** Sets the wall-clock limit. */
    public Builder wallClock(Duration d) {
      this.wallClock = d;
      return this;
    }

    /** Sets the CPU-time limit in seconds. */
    public Builder cpuSeconds(int s) {
      this.cpuSeconds = s;
      return this;
    }

    /** Sets the process (and thread) limit. */
    public Builder processes(int n) {
      this.processes = n;
      return this;
    }

    /** Sets the largest file size in bytes. */
    public Builder fileSizeBytes(long n) {
      this.fileSizeBytes = n;
      return this;
    }

    /** Sets the open-file limit. */
    public Builder openFiles(int n) {
      this.openFiles = n;
      return this;
    }

    /** Sets the address-space limit in bytes. */
    public Builder memoryBytes(long n) {
      this.memoryBytes = n;
      return this;
    }

    /** Sets how many bytes of each output stream are kept. */
    public Builder outputBytes(int n) {
      this.outputBytes = n;
      return this;
    }

    /** Sets the most bytes a run may write to its workspace and temp folders together. */
    public Builder diskBytes(long n) {
      this.diskBytes = n;
      return this;
    }

    /** Validates and builds the limits. */
    public SandboxLimits build() {
      return new SandboxLimits(wallClock, cpuSeconds, processes, fileSizeBytes, openFiles, memoryBytes, outputBytes, diskBytes);
    }
  }
}
