package dev.llmux.benchmarks.report;

import dev.llmux.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.benchmarks.report.Section.Column;
import dev.llmux.benchmarks.report.Section.Measured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Report} into a results folder ({@code bench-results/} by default):
 * {@code <stamp>.md} and {@code <stamp>.json}, and the same as {@code latest.md} and
 * {@code latest.json}. Each file is written to a temporary file and renamed.
 *
 * <p>Also a command that rebuilds the report from saved result files:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.llmux.benchmarks.report.ReportFiles
 * --jmh bench-results/raw/STAMP/jmh-full.json [--llama-bench FILE]... [--out bench-results]}.
 */
public final class ReportFiles {

  /** The file-name form of a time stamp: {@code 2025-01-31T142501}. */
  public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss");

  private ReportFiles() {}

  /** Writes {@code report} into {@code dir} under {@code stamp} and as {@code latest}; returns the Markdown file. */
  public static Path write(Report report, Path dir, String stamp, List<Path> rawFiles) {
    String md = report.markdown();
    String json = json(report, dir, rawFiles);
    try {
      Files.createDirectories(dir);
      AtomicFiles.writeString(dir.resolve(stamp + ".md"), md);
      AtomicFiles.writeString(dir.resolve(stamp + ".json"), json);
      AtomicFiles.writeString(dir.resolve("latest.md"), md);
      AtomicFiles.writeString(dir.resolve("latest.json"), json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark report into " + dir + ": " + e.getMessage(), e);
    }
    return dir.resolve(stamp + ".md");
  }

  /** The report as JSON: the run, the machine, every section's rows, and the parsed raw results. */
  public static String json(Report report, Path dir, List<Path> rawFiles) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    Report.Run run = report.run();
    ObjectNode r = root.putObject("run");
    r.put("started", run.started());
    r.put("mode", run.mode());
    r.put("threads", run.threads());
    r.put("jmh", run.jmh());
    r.put("llamaBench", run.llamaBench());
    ArrayNode raw = r.putArray("rawFiles");
    for (Path p : rawFiles) {
      raw.add(relative(dir, p));
    }
    Machine m = report.machine();
    ObjectNode mn = root.putObject("machine");
    mn.put("cpuModel", m.cpuModel());
    mn.put("cpus", m.cpus());
    mn.put("memoryBytes", m.memoryBytes());
    m.cpuFeatures().forEach(mn.putArray("cpuFeatures")::add);
    mn.put("os", m.os());
    mn.put("jdk", m.jdk());
    mn.put("binding", m.binding());
    mn.put("nativeLibrary", m.library());
    mn.put("nativeLibrarySha256", m.librarySha256());
    m.notes().forEach(mn.putArray("notes")::add);
    if (!report.sameRun().loadStart().isEmpty()) {
      root.putObject("loadAverage").put("start", report.sameRun().loadStart()).put("end", report.sameRun().loadEnd());
    }
    ObjectNode sections = root.putObject("sections");
    for (Section s : report.sections()) {
      ObjectNode sn = sections.putObject(s.key());
      sn.put("title", s.title());
      ArrayNode rows = sn.putArray("rows");
      for (List<Object> row : s.rows()) {
        ObjectNode rn = rows.addObject();
        for (int c = 0; c < s.columns().size(); c++) {
          put(rn, s.columns().get(c), row.get(c));
        }
      }
      s.notes().forEach(sn.putArray("notes")::add);
    }
    ArrayNode jmh = root.putArray("jmh");
    for (JmhResult j : report.jmh()) {
      ObjectNode jn = jmh.addObject();
      jn.put("benchmark", j.benchmark());
      jn.put("mode", j.mode());
      jn.put("threads", j.threads());
      ObjectNode params = jn.putObject("params");
      j.params().forEach(params::put);
      number(jn, "score", j.score());
      number(jn, "error", j.error());
      jn.put("unit", j.unit());
      ArrayNode it = jn.putArray("iterations");
      j.iterations().forEach(it::add);
      ObjectNode pct = jn.putObject("percentiles");
      for (Map.Entry<String, Double> e : j.percentiles().entrySet()) {
        number(pct, e.getKey(), e.getValue());
      }
      number(jn, "allocatedBytesPerOp", j.allocatedBytesPerOp());
    }
    ArrayNode lb = root.putArray("llamaBench");
    for (LlamaBenchResult l : report.llamaBench()) {
      ObjectNode ln = lb.addObject();
      ln.put("modelFile", l.modelFile());
      ln.put("test", l.test());
      ln.put("threads", l.threads());
      number(ln, "tokensPerSecond", l.tokensPerSecond());
      number(ln, "stddev", l.stddev());
      number(ln, "slowest", l.slowest());
      ln.put("build", l.build());
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(ObjectNode node, Column column, Object value) {
    if (value instanceof Measured m) {
      ObjectNode mn = node.putObject(column.key());
      number(mn, "value", m.value());
      number(mn, "error", m.error());
    } else if (value instanceof Double d) {
      number(node, column.key(), d);
    } else {
      node.put(column.key(), String.valueOf(value));
    }
  }

  /** Writes a number, or null for NaN and infinities (which JSON cannot hold). */
  private static void number(ObjectNode node, String key, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      node.putNull(key);
    } else {
      node.put(key, v);
    }
  }

  private static String relative(Path dir, Path p) {
    try {
      return dir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
    } catch (IllegalArgumentException e) {
      return p.toString();
    }
  }


  /**
   * Rebuilds the report from saved results: {@code --jmh FILE} (repeatable), {@code --llama-bench
   * FILE} (repeatable), {@code --out DIR} (default {@code bench-results}), {@code --mode NAME},
   * {@code --threads N}. Prints the Markdown.
   */
  public static void main(String[] args) {
    List<Path> jmhFiles = new ArrayList<>();
    List<Path> lbFiles = new ArrayList<>();
    Path out = Path.of("bench-results");
    String mode = "custom";
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        usage("option " + a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--jmh" -> jmhFiles.add(Path.of(v));
        case "--llama-bench" -> lbFiles.add(Path.of(v));
        case "--out" -> out = Path.of(v);
        case "--mode" -> mode = v;
        case "--threads" -> threads = Integer.parseInt(v);
        default -> usage("unknown option " + a);
      }
    }
    if (jmhFiles.isEmpty()) {
      usage("give at least one --jmh FILE");
    }
    List<JmhResult> jmh = new ArrayList<>();
    List<LlamaBenchResult> lb = new ArrayList<>();
    try {
      jmhFiles.forEach(f -> jmh.addAll(JmhResult.read(f)));
      lbFiles.forEach(f -> lb.addAll(LlamaBenchResult.read(f)));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      System.err.println("ReportFiles: " + e.getMessage());
      System.exit(2);
    }
    LocalDateTime now = LocalDateTime.now();
    Report report = Report.of(new Report.Run(now.withNano(0).toString(), mode, threads, "as recorded in the raw files",
        lbFiles.isEmpty() ? "not run" : "from " + lbFiles), Machine.probe(), jmh, lb);
    List<Path> raw = new ArrayList<>(jmhFiles);
    raw.addAll(lbFiles);
    Path md = write(report, out, now.format(STAMP), raw);
    System.out.print(report.markdown());
    System.err.println("wrote " + md + " and " + out.resolve("latest.md"));
  }

  private static void usage(String problem) {
    System.err.println("ReportFiles: " + problem + "\nusage: ReportFiles --jmh FILE [--jmh FILE]... [--llama-bench FILE]..."
        + " [--out DIR] [--mode NAME] [--threads N]");
    System.exit(2);
  }
}
