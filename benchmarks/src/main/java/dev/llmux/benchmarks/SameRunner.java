package dev.llmux.benchmarks;

import dev.llmux.benchmarks.report.JmhResult;
import dev.llmux.benchmarks.report.LlamaBenchResult;
import dev.llmux.benchmarks.report.SameRun;
import dev.llmux.nativelib.NativeLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.RunnerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of {@link Suite} that measures llmux against llama.cpp's own tools in the same run: llmux
 * decode and prompt on the bundled library and on a host build (JMH forks, alternating per model),
 * llama-bench of each build, and {@link ServingComparison} against llama-server in a child JVM. What
 * is absent is skipped with its reason, which the report prints.
 */
final class SameRunner {

  private static final Logger LOG = LoggerFactory.getLogger(SameRunner.class);
  /** Where the project's llama.cpp tools of the bundled build live, relative to the repository root. */
  static final Path SHARED_SERVER = Path.of("../shared/tools/llama-b4916-avx2/llama-server");

  /** Runs one JMH plan with one extra fork option; returns its results. */
  interface JmhRun {
    List<JmhResult> run(Suite.Plan plan, String forkArg) throws RunnerException;
  }

  private final Path raw;
  private final int threads;
  private final boolean quick;
  private final List<BenchModel> models;
  private final List<Path> rawFiles;

  SameRunner(Path raw, int threads, boolean quick, List<BenchModel> models, List<Path> rawFiles) {
    this.raw = raw;
    this.threads = threads;
    this.quick = quick;
    this.models = models;
    this.rawFiles = rawFiles;
  }

  /** {@code /proc/loadavg} as it reads now, or a dash where there is none. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "–";
    }
  }

  /** The host build to compare: the one given, else the one llmux's loader would look for, if present. */
  static Optional<Path> hostLibrary(Map<String, String> files) {
    if (files.containsKey("--host-lib")) {
      return Optional.of(Path.of(files.get("--host-lib")));
    }
    Path found = NativeLibraries.hostBuildDir().resolve(System.mapLibraryName("jllama"));
    return Files.isRegularFile(found) ? Optional.of(found) : Optional.empty();
  }

  /** The llama-server to compare with: the one given, else on the PATH, else the project's shared one. */
  static Optional<Path> server(Map<String, String> files) {
    if (files.containsKey("--server")) {
      return Optional.of(Path.of(files.get("--server")));
    }
    return LlamaBench.onPath("llama-server").or(() -> Optional.of(SHARED_SERVER).filter(Files::isExecutable));
  }

  SameRun.Results run(String loadStart, boolean buildsWanted, boolean servingWanted, List<LlamaBenchResult> bundledLb,
      JmhRun jmh, Map<String, String> files, String clients, Integer tokens, Integer rounds) throws RunnerException {
    List<JmhResult> bundled = new ArrayList<>();
    List<JmhResult> host = new ArrayList<>();
    List<LlamaBenchResult> hostLb = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Optional<Path> hostLib = hostLibrary(files);
    if (!buildsWanted) {
      skipped.add("native builds (--no-builds)");
    } else if (models.isEmpty()) {
      skipped.add("native builds: no model was measured in this run");
    } else {
      if (bundledLb.isEmpty()) {
        skipped.add("bundled llama-bench: not run (not on the PATH, --no-llama-bench, or it failed)");
      }
      if (hostLib.isEmpty()) {
        skipped.add("host build: none given (--host-lib) and none in " + NativeLibraries.hostBuildDir()
            + " (make one with llmux native build)");
      }
      // Bundled forks look for the host build in an empty folder, so they load the bundled library.
      String bundledArg = "-D" + NativeLibraries.HOST_DIR_PROPERTY + "=" + raw.resolve("no-host-build").toAbsolutePath();
      for (BenchModel m : models) {
        Suite.Plan plan = plan("builds-bundled-" + m.label(), m);
        bundled.addAll(jmh.run(plan, bundledArg));
        if (hostLib.isPresent()) {
          host.addAll(jmh.run(plan("builds-host-" + m.label(), m),
              "-D" + NativeLibraries.PATH_PROPERTY + "=" + hostLib.get().toAbsolutePath()));
        }
      }
      hostLib.ifPresent(l -> notes.add("Host build: " + l + (files.containsKey("--host-llama-bench")
          ? "; its llama-bench: " + files.get("--host-llama-bench") : "") + "."));
      if (hostLib.isPresent() && host.isEmpty()) {
        skipped.add("host build " + hostLib.get() + ": its forks gave no result (the loader refuses a build not"
            + " made for this CPU or llama.cpp build; see the JMH output)");
      }
      if (hostLib.isPresent() && !files.containsKey("--host-llama-bench")) {
        skipped.add("host llama-bench: not given (--host-llama-bench FILE, built from the same tree as the host library)");
      } else if (hostLib.isPresent()) {
        hostLb.addAll(llamaBench(Path.of(files.get("--host-llama-bench")), "host", skipped));
      }
    }
    skipped.forEach(s -> notes.add("Skipped: " + s));
    List<SameRun.ServingFigure> serving = List.of();
    String servingSkipped = "";
    Optional<Path> server = server(files);
    if (!servingWanted) {
      servingSkipped = "--no-serving";
    } else if (server.isEmpty()) {
      servingSkipped = "no llama-server (not on the PATH, not at " + SHARED_SERVER + "; give --server FILE)";
    } else if (models.isEmpty()) {
      servingSkipped = "no model was measured in this run";
    } else {
      BenchModel model = models.contains(BenchModel.QWEN2_5_0_5B_Q8_0) ? BenchModel.QWEN2_5_0_5B_Q8_0 : models.get(0);
      try {
        serving = serving(server.get(), model, clients, tokens != null ? tokens : quick ? 32 : 64,
            rounds != null ? rounds : quick ? 2 : 3);
      } catch (IOException | RuntimeException e) {
        servingSkipped = "ServingComparison failed: " + e.getMessage();
      }
    }
    return new SameRun.Results(loadStart, loadAverage(), bundled, bundledLb, host, hostLb, notes, serving,
        servingSkipped);
  }

  private static Suite.Plan plan(String name, BenchModel m) {
    return new Suite.Plan(name, List.of("^dev\\.llmux\\.benchmarks\\.(DecodeBenchmark|PromptBenchmark)\\."),
        Map.of("model", List.of(m.name()), "api", List.of(Api.LLMUX.name())), List.of(m));
  }

  private List<LlamaBenchResult> llamaBench(Path exe, String which, List<String> skipped) {
    List<LlamaBenchResult> out = new ArrayList<>();
    for (BenchModel m : models) {
      Path json = raw.resolve("llama-bench-" + which + "-" + m.label() + ".json");
      Path log = raw.resolve("llama-bench-" + which + "-" + m.label() + ".log");
      try {
        LlamaBench.run(exe, m.path(), threads, quick ? 2 : 5, json, log);
        rawFiles.add(json);
        out.addAll(LlamaBenchResult.read(json));
      } catch (RuntimeException e) {
        skipped.add(which + " llama-bench on " + m.label() + ": " + e.getMessage());
      }
    }
    return out;
  }

  private List<SameRun.ServingFigure> serving(Path server, BenchModel model, String clients, int tokens, int rounds)
      throws IOException {
    Path json = raw.resolve("serving.json");
    Path log = raw.resolve("serving.log");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-D" + BenchModel.DIR_PROPERTY + "=" + BenchModel.dir(), "-cp", System.getProperty("java.class.path"),
        ServingComparison.class.getName(), "--server", server.toString(), "--model", model.path().toString(),
        "--clients", clients, "--tokens", Integer.toString(tokens), "--rounds", Integer.toString(rounds),
        "--threads", Integer.toString(threads), "--json", json.toString());
    LOG.info("serving comparison: {}", String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("ran past 30 minutes; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(json)) {
      throw new IOException("exit code " + p.exitValue() + "; see " + log);
    }
    rawFiles.add(json);
    return SameRun.ServingFigure.read(json);
  }
}
