package dev.llmux.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * llama.cpp's own {@code llama-bench}, run on the same model files and threads as the benchmarks
 * when the user has it on the PATH (anyone who builds llama.cpp does). llmux never downloads or
 * builds it.
 */
public final class LlamaBench {

  /** The executable's name. */
  public static final String EXECUTABLE = "llama-bench";

  private static final long TIMEOUT_MINUTES = 20;

  private LlamaBench() {}

  /** The {@value #EXECUTABLE} executable found on the PATH, if any. */
  public static Optional<Path> onPath() {
    return onPath(EXECUTABLE);
  }

  /** The executable {@code name} found on the PATH, if any. */
  public static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path exe = Path.of(dir, name);
      if (Files.isRegularFile(exe) && Files.isExecutable(exe)) {
        return Optional.of(exe);
      }
    }
    return Optional.empty();
  }

  /** The command line for one model: pp512 and tg128 with {@code threads} threads, JSON on stdout. */
  public static List<String> command(Path exe, Path model, int threads, int repetitions) {
    return List.of(exe.toString(), "-m", model.toString(), "-t", Integer.toString(threads), "-p", "512", "-n", "128",
        "-r", Integer.toString(repetitions), "-o", "json");
  }

  /**
   * Runs llama-bench on {@code model}, its JSON into {@code json} and its log into {@code log}.
   *
   * @throws IllegalStateException when it fails or runs past its time limit (the log says why)
   */
  public static void run(Path exe, Path model, int threads, int repetitions, Path json, Path log) {
    ProcessBuilder pb = new ProcessBuilder(command(exe, model, threads, repetitions))
        .redirectOutput(json.toFile()).redirectError(log.toFile());
    try {
      Process p = pb.start();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(EXECUTABLE + " ran past " + TIMEOUT_MINUTES + " minutes on " + model
            + "; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(EXECUTABLE + " failed with exit code " + p.exitValue() + " on " + model
            + "; see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + exe + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + EXECUTABLE + " ran on " + model, e);
    }
  }
}
