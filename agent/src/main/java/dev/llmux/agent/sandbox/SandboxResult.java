package dev.llmux.agent.sandbox;

/**
 * What a sandboxed run produced.
 *
 * @param exitCode the exit status; 128 + N when a signal N ended the program
 * @param stdout standard output, capped, with a truncation marker where bytes were dropped
 * @param stderr standard error, capped likewise
 * @param stdoutBytes how many bytes the program wrote to stdout in all
 * @param stderrBytes how many bytes the program wrote to stderr in all
 * @param truncated bytes were dropped from stdout or stderr (a marker shows where)
 * @param timedOut the wall-clock limit passed and the process tree was killed
 * @param diskWritten when the run wrote more than its disk limit, how much it wrote (measured);
 *     0 otherwise
 * @param diskLimit the disk limit of the run ({@link SandboxLimits#diskBytes()})
 * @param wallMillis how long the run took
 * @param isolation how strongly the program was isolated
 */
public record SandboxResult(
    int exitCode, String stdout, String stderr, long stdoutBytes, long stderrBytes, boolean truncated,
    boolean timedOut, long diskWritten, long diskLimit,
    long wallMillis, Isolation isolation) {

  /** A result of a run that stayed within its disk limit. */
  public SandboxResult(
      int exitCode, String stdout, String stderr, long stdoutBytes, long stderrBytes, boolean truncated,
      boolean timedOut, long wallMillis, Isolation isolation) {
    this(exitCode, stdout, stderr, stdoutBytes, stderrBytes, truncated, timedOut, 0, SandboxLimits.DEFAULT.diskBytes(),
        wallMillis, isolation);
  }

  /** Whether the run wrote more than its disk limit (it was killed, or had ended, when measured). */
  public boolean diskLimitPassed() {
    return diskWritten > 0;
  }

  /** Whether the program ended by itself with exit status 0 within every limit. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut && !diskLimitPassed();
  }

  /** One line saying how the run ended, e.g. {@code exit 0} or {@code killed: wall-clock limit (30 s)}. */
  public String describe() {
    String how;
    if (timedOut) {
      how = "killed: wall-clock limit passed";
    } else if (diskLimitPassed()) {
      how = "stopped: disk limit passed (wrote " + mib(diskWritten) + ", limit " + mib(diskLimit) + ")";
    } else if (exitCode > 128 && exitCode < 160) {
      int sig = exitCode - 128;
      how = "killed by signal " + sig + switch (sig) {
        case 9 -> " (SIGKILL)";
        case 24 -> " (SIGXCPU: CPU-time limit)";
        case 25 -> " (SIGXFSZ: file-size limit)";
        case 11 -> " (SIGSEGV)";
        case 6 -> " (SIGABRT)";
        default -> "";
      };
    } else {
      how = "exit " + exitCode;
    }
    return how + ", " + wallMillis + " ms, isolation: " + isolation.label();
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
