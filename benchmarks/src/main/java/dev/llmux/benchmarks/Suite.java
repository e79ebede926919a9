package dev.llmux.benchmarks;

import dev.llmux.benchmarks.report.JmhResult;
import dev.llmux.benchmarks.report.LlamaBenchResult;
import dev.llmux.benchmarks.report.Machine;
import dev.llmux.benchmarks.report.Report;
import dev.llmux.benchmarks.report.ReportFiles;
import dev.llmux.benchmarks.report.SameRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole benchmark suite in one command, as {@code benchmarks/run.sh} starts it: generates the
 * synthetic models that are missing, runs the JMH benchmarks (with {@code -prof gc}), runs
 * {@code llama-bench} on the same files and threads when it is on the PATH, and writes the report
 * ({@link ReportFiles}) into {@code bench-results/}.
 *
 * <p>Models are generated before the run when the selection names them; a benchmark whose model is
 * still missing generates it in its (untimed) set-up. llama-bench runs on the models that were
 * measured.
 *
 * <p>Options: {@code --quick} (tiny and 0.5B decode, the tiny model's overhead and the router: a
 * few minutes), {@code --threads N} (default: the processors available), {@code --out DIR},
 * {@code --no-llama-bench}, {@code --llama-bench FILE}; the same-run comparisons of {@link SameRunner}
 * ({@code --host-lib FILE}, {@code --host-llama-bench FILE}, {@code --no-builds}, {@code --server FILE},
 * {@code --no-serving}, {@code --serving-clients/-tokens/-rounds}); everything else is passed to JMH ({@code -p api=LLMUX}, or a benchmark
 * regex to run only that).
 */
public final class Suite {

  private static final Logger LOG = LoggerFactory.getLogger(Suite.class);
  private static final String PACKAGE = "dev\\.llmux\\.benchmarks\\.";

  /** One JMH invocation: which benchmarks, parameter overrides, and the models they load. */
  record Plan(String name, List<String> includes, Map<String, List<String>> params, List<BenchModel> models) {}

  private Suite() {}

  /** Runs the suite; exits 0 when the report was written, 1 when JMH failed, 2 on bad options. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    boolean quick = false;
    boolean llamaBenchWanted = true;
    boolean buildsWanted = true;
    boolean servingWanted = true;
    Map<String, String> files = new java.util.HashMap<>();
    String servingClients = "1,2,4";
    Integer servingTokens = null;
    Integer servingRounds = null;
    int threads = BenchModel.threads();
    Path out = Path.of("bench-results");
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--no-llama-bench" -> llamaBenchWanted = false;
        case "--no-builds" -> buildsWanted = false;
        case "--no-serving" -> servingWanted = false;
        case "--llama-bench", "--host-lib", "--host-llama-bench", "--server", "--serving-clients", "--serving-tokens",
            "--serving-rounds" -> {
          if (i + 1 >= args.length) {
            return usage(args[i] + " needs a value");
          }
          String key = args[i];
          String v = args[++i];
          try {
            switch (key) {
              case "--serving-clients" -> servingClients = v;
              case "--serving-tokens" -> servingTokens = Integer.valueOf(v);
              case "--serving-rounds" -> servingRounds = Integer.valueOf(v);
              default -> {
                if (!Files.isRegularFile(Path.of(v))) {
                  return usage(key + " " + v + ": no such file");
                }
                files.put(key, v);
              }
            }
          } catch (NumberFormatException e) {
            return usage(key + " " + v + " is not a number");
          }
        }
        case "--threads", "--out" -> {
          if (i + 1 >= args.length) {
            return usage(args[i] + " needs a value");
          }
          String v = args[++i];
          if (args[i - 1].equals("--out")) {
            out = Path.of(v);
          } else {
            try {
              threads = Integer.parseInt(v);
            } catch (NumberFormatException e) {
              return usage("--threads " + v + " is not a number");
            }
          }
        }
        case "-h", "--help" -> {
          return usage(null);
        }
        default -> jmhArgs.add(args[i]);
      }
    }
    if (threads < 1) {
      return usage("--threads must be at least 1");
    }
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
    } catch (CommandLineOptionException e) {
      return usage("JMH option: " + e.getMessage());
    }
    System.setProperty(BenchModel.THREADS_PROPERTY, Integer.toString(threads));
    List<Plan> plans = plans(quick, cli);
    String mode = !cli.getIncludes().isEmpty() ? "custom" : quick ? "quick" : "full";
    LocalDateTime started = LocalDateTime.now().withNano(0);
    String loadStart = SameRunner.loadAverage();
    String stamp = started.format(ReportFiles.STAMP);
    Path raw = out.resolve("raw").resolve(stamp);
    try {
      Files.createDirectories(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + raw + ": " + e.getMessage(), e);
    }

    Set<BenchModel> models = new LinkedHashSet<>();
    plans.forEach(p -> models.addAll(p.models()));
    for (BenchModel m : models) {
      long t0 = System.nanoTime();
      Path file = m.path();
      LOG.info("model {}: {} ({} ms)", m.label(), file, (System.nanoTime() - t0) / 1_000_000);
    }

    JmhDefaults defaults = JmhDefaults.load(quick);
    List<Path> rawFiles = new ArrayList<>();
    List<JmhResult> results = new ArrayList<>();
    String jmhSettings = "";
    for (Plan plan : plans) {
      Path json = raw.resolve("jmh-" + plan.name() + ".json");
      Options options = builder(defaults, cli, threads, plan, json).addProfiler(GCProfiler.class).build();
      jmhSettings = JmhDefaults.describe(options);
      LOG.info("JMH run '{}': {}", plan.name(), plan.includes());
      try {
        new Runner(options).run();
      } catch (RunnerException e) {
        LOG.error("JMH run '{}' failed: {}", plan.name(), e.getMessage());
        return 1;
      }
      if (Files.isRegularFile(json)) {
        rawFiles.add(json);
        results.addAll(JmhResult.read(json));
      }
    }

    List<LlamaBenchResult> lbResults = new ArrayList<>();
    String lbStatus;
    Optional<Path> exe = !llamaBenchWanted ? Optional.empty()
        : files.containsKey("--llama-bench") ? Optional.of(Path.of(files.get("--llama-bench"))) : LlamaBench.onPath();
    if (!llamaBenchWanted) {
      lbStatus = "skipped (--no-llama-bench)";
    } else if (exe.isEmpty()) {
      lbStatus = "not on the PATH (or give --llama-bench FILE)";
    } else {
      lbStatus = exe.get().toString();
      int reps = quick ? 2 : 5;
      for (BenchModel m : measured(results)) {
        Path json = raw.resolve("llama-bench-" + m.label() + ".json");
        Path log = raw.resolve("llama-bench-" + m.label() + ".log");
        LOG.info("llama-bench on {}: {}", m.label(), String.join(" ", LlamaBench.command(exe.get(), m.path(), threads, reps)));
        try {
          LlamaBench.run(exe.get(), m.path(), threads, reps, json, log);
          rawFiles.add(json);
          lbResults.addAll(LlamaBenchResult.read(json));
        } catch (RuntimeException e) {
          LOG.warn("llama-bench on {} gave no result: {}", m.label(), e.getMessage());
          lbStatus = exe.get() + " (failed on " + m.label() + ", see " + log + ")";
        }
      }
    }

    int forkThreads = threads;
    SameRunner sameRun = new SameRunner(raw, threads, quick, measured(results), rawFiles);
    SameRun.Results extra;
    try {
      extra = sameRun.run(loadStart, buildsWanted, servingWanted, lbResults, (plan, forkArg) -> {
        Path json = raw.resolve("jmh-" + plan.name() + ".json");
        LOG.info("JMH run '{}' with {}", plan.name(), forkArg);
        new Runner(builder(defaults, cli, forkThreads, plan, json, forkArg).build()).run();
        if (!Files.isRegularFile(json)) {
          return List.of();
        }
        rawFiles.add(json);
        return JmhResult.read(json);
      }, files, servingClients, servingTokens, servingRounds);
    } catch (RunnerException e) {
      LOG.error("JMH run of the native builds failed: {}", e.getMessage());
      return 1;
    }
    jmhSettings += jmhArgs.isEmpty() ? "" : "; options " + String.join(" ", jmhArgs);
    Report report = Report.of(new Report.Run(started.toString(), mode, threads, jmhSettings, lbStatus), Machine.probe(),
        results, lbResults, extra);
    Path md = ReportFiles.write(report, out, stamp, rawFiles);
    System.out.print(report.markdown());
    LOG.info("wrote {} and {} (raw results in {})", md, out.resolve("latest.md"), raw);
    return 0;
  }

  /** JMH's options for one plan: the defaults, its benchmarks and parameters, JSON results into {@code json}. */
  private static ChainedOptionsBuilder builder(JmhDefaults defaults, CommandLineOptions cli, int threads, Plan plan,
      Path json, String... forkArgs) {
    List<String> args = new ArrayList<>(List.of("-D" + BenchModel.THREADS_PROPERTY + "=" + threads,
        "-D" + BenchModel.DIR_PROPERTY + "=" + BenchModel.dir()));
    args.addAll(List.of(forkArgs));
    ChainedOptionsBuilder b = defaults.applyTo(new OptionsBuilder().parent(cli), cli, args.toArray(new String[0]));
    plan.includes().forEach(b::include);
    plan.params().forEach((k, v) -> b.param(k, v.toArray(new String[0])));
    return b.resultFormat(ResultFormatType.JSON).result(json.toString());
  }

  /** The models the results ran on, in {@link BenchModel} order. */
  static List<BenchModel> measured(List<JmhResult> results) {
    Set<String> names = new LinkedHashSet<>();
    for (JmhResult r : results) {
      names.add(r.param("model"));
      names.add(r.param("backend"));
    }
    return Arrays.stream(BenchModel.values()).filter(m -> names.contains(m.name())).toList();
  }

  /** The JMH invocations of a run: the user's benchmark regexes, else the quick or full selection. */
  static List<Plan> plans(boolean quick, CommandLineOptions cli) {
    List<BenchModel> fullModels = List.of(BenchModel.TINY_Q8_0, BenchModel.QWEN2_5_0_5B_Q8_0,
        BenchModel.TINYLLAMA_1_1B_Q4_0);
    org.openjdk.jmh.util.Optional<Collection<String>> userModels = cli.getParameter("model");
    List<BenchModel> chosen = userModels.hasValue()
        ? userModels.get().stream().map(BenchModel::valueOf).toList() : null;
    if (!cli.getIncludes().isEmpty()) {
      return List.of(new Plan("custom", List.of(), Map.of(), chosen != null ? chosen : List.of()));
    }
    if (!quick) {
      return List.of(new Plan("full", List.of("^" + PACKAGE + "[A-Za-z]+Benchmark\\."), Map.of(),
          chosen != null ? chosen : fullModels));
    }
    List<BenchModel> quickModels = chosen != null ? chosen : List.of(BenchModel.TINY_Q8_0, BenchModel.QWEN2_5_0_5B_Q8_0);
    return List.of(
        new Plan("quick-decode", List.of("^" + PACKAGE + "DecodeBenchmark\\."),
            chosen != null ? Map.of() : Map.of("model", quickModels.stream().map(Enum::name).toList()), quickModels),
        new Plan("quick-micro", List.of("^" + PACKAGE + "(OverheadBenchmark|RouterBenchmark)\\."), Map.of(),
            List.of(BenchModel.TINY_Q8_0)));
  }

  private static int usage(String problem) {
    if (problem != null) {
      System.err.println("benchmarks: " + problem);
    }
    System.err.println(String.join("\n", Arrays.asList(
        "usage: benchmarks/run.sh [--quick] [--threads N] [--out DIR] [--no-llama-bench] [--llama-bench FILE]",
        "         [--host-lib FILE] [--host-llama-bench FILE] [--no-builds] [--server FILE] [--no-serving]",
        "         [--serving-clients 1,2,4] [--serving-tokens N] [--serving-rounds N] [JMH options]",
        "  --quick           tiny and 0.5B decode, tiny overhead, router: a few minutes",
        "  --threads N       llama.cpp threads, also given to llama-bench (default: processors available)",
        "  --out DIR         where the report goes (default: bench-results)",
        "  --no-llama-bench  do not run llama-bench even when it is on the PATH",
        "  --llama-bench FILE       llama-bench of the bundled build (default: the one on the PATH)",
        "  --host-lib FILE          a host-built libjllama.so (default: the host build llmux would find, if any)",
        "  --host-llama-bench FILE  llama-bench built from the same tree as --host-lib",
        "  --no-builds       skip the native builds table (llmux on each library against its llama-bench)",
        "  --server FILE     llama-server for the concurrency comparison (default: on the PATH, else",
        "                    ../shared/tools/llama-b4916-avx2/llama-server)",
        "  --no-serving      skip the concurrency comparison against llama-server",
        "  --serving-clients, --serving-tokens, --serving-rounds   its settings (1,2,4; 64, quick 32; 3, quick 2)",
        "  JMH options       e.g. -p api=LLMUX, or a regex such as DecodeBenchmark to run only that")));
    return problem == null ? 0 : 2;
  }
}
