package dev.llmux.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.benchmarks.DecodeBenchmark;
import dev.llmux.benchmarks.PromptBenchmark;
import dev.llmux.benchmarks.report.Section.Column;
import dev.llmux.benchmarks.report.Section.Format;
import dev.llmux.benchmarks.report.Section.Measured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The report's sections that compare llmux with llama.cpp's own tools measured in the same run:
 * each native library (the bundled one and a host build) against the llama-bench of that build,
 * and N clients on N slots against llama-server. A section whose tool or library was absent says
 * why in one line.
 */
public final class SameRun {

  private SameRun() {}

  /**
   * What the run measured beyond JMH's main results.
   *
   * @param loadStart {@code /proc/loadavg} when the run started
   * @param loadEnd {@code /proc/loadavg} when it ended
   * @param bundled llmux decode/prompt results on the bundled library
   * @param bundledLlamaBench llama-bench of the bundled build (empty when not run)
   * @param host llmux decode/prompt results on the host build (empty when not run)
   * @param hostLlamaBench llama-bench of the host build (empty when not run)
   * @param buildsNotes which libraries and llama-bench ran, and why a column is missing; one line each
   * @param serving ServingComparison's figures (empty when not run)
   * @param servingSkipped why the serving comparison did not run (empty when it did)
   */
  public record Results(String loadStart, String loadEnd, List<JmhResult> bundled, List<LlamaBenchResult> bundledLlamaBench,
      List<JmhResult> host, List<LlamaBenchResult> hostLlamaBench, List<String> buildsNotes,
      List<ServingFigure> serving, String servingSkipped) {

    /** Nothing measured beyond the main results: no sections. */
    public static final Results NONE = new Results("", "", List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), "");

    /** The sections: none for {@link #NONE}. */
    List<Section> sections() {
      if (this == NONE) {
        return List.of();
      }
      return List.of(SameRun.builds(bundled, bundledLlamaBench, host, hostLlamaBench, buildsNotes),
          SameRun.serving(serving, servingSkipped));
    }
  }

  /**
   * One ServingComparison figure: aggregate tokens/s of {@code clients} clients on as many slots.
   *
   * @param who {@code llmux} or {@code llama-server}
   * @param clients clients = slots
   * @param mean mean aggregate tokens/s over the measured rounds
   * @param min the slowest round
   * @param max the fastest round
   */
  public record ServingFigure(String who, int clients, double mean, double min, double max) {

    /** Reads the JSON array that {@code ServingComparison --json} writes. */
    public static List<ServingFigure> read(Path file) {
      try {
        List<ServingFigure> out = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(file.toFile())) {
          out.add(new ServingFigure(n.path("who").asText(), n.path("clients").asInt(), number(n, "mean"),
              number(n, "min"), number(n, "max")));
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }

    private static double number(JsonNode n, String field) {
      return n.path(field).isNumber() ? n.path(field).asDouble() : Double.NaN;
    }
  }

  /** llmux on each library against the llama-bench of that build. */
  static Section builds(List<JmhResult> bundled, List<LlamaBenchResult> bundledLb, List<JmhResult> host,
      List<LlamaBenchResult> hostLb, List<String> runNotes) {
    Set<String> models = new LinkedHashSet<>();
    bundled.forEach(r -> models.add(r.param("model")));
    host.forEach(r -> models.add(r.param("model")));
    List<List<Object>> rows = new ArrayList<>();
    for (String model : models) {
      rows.add(buildRow(model, "tg" + DecodeBenchmark.TOKENS, "DecodeBenchmark.decode", DecodeBenchmark.TOKENS,
          bundled, bundledLb, host, hostLb));
      rows.add(buildRow(model, "pp" + PromptBenchmark.PROMPT_TOKENS, "PromptBenchmark.prompt",
          PromptBenchmark.PROMPT_TOKENS, bundled, bundledLb, host, hostLb));
    }
    List<String> notes = new ArrayList<>();
    notes.add("llmux = Backend.chat (JMH, as in the throughput table) in forks that load the named library;"
        + " llama-bench of each build on the same files and threads. Bundled forks are kept off any host build in"
        + " the per-user folder; the host build is named by path, so it is loaded or the fork fails.");
    notes.addAll(runNotes);
    return new Section("builds", "Native builds: llmux against llama-bench of the same build (tokens/s)", List.of(
        new Column("model", "model", Format.TEXT),
        new Column("test", "test", Format.TEXT),
        new Column("bundled: llmux", "bundledLlmux", Format.NUMBER),
        new Column("bundled: llama-bench", "bundledLlamaBench", Format.NUMBER),
        new Column("bundled: llmux / llama-bench", "bundledRatio", Format.PERCENT),
        new Column("host: llmux", "hostLlmux", Format.NUMBER),
        new Column("host: llama-bench", "hostLlamaBench", Format.NUMBER),
        new Column("host: llmux / llama-bench", "hostRatio", Format.PERCENT),
        new Column("host / bundled (llmux)", "hostOverBundled", Format.FACTOR)), rows, notes);
  }

  private static List<Object> buildRow(String model, String test, String benchmark, int tokens,
      List<JmhResult> bundled, List<LlamaBenchResult> bundledLb, List<JmhResult> host, List<LlamaBenchResult> hostLb) {
    Measured b = Report.rate(llmux(bundled, benchmark, model), tokens);
    Measured h = Report.rate(llmux(host, benchmark, model), tokens);
    double bl = llamaBench(bundledLb, model, test);
    double hl = llamaBench(hostLb, model, test);
    return List.of(Report.label(model), test, b, bl, b.value() / bl, h, hl, h.value() / hl, h.value() / b.value());
  }

  private static Optional<JmhResult> llmux(List<JmhResult> results, String benchmark, String model) {
    return Report.find(results, benchmark, Map.of("model", model, "api", Report.LLMUX));
  }

  private static double llamaBench(List<LlamaBenchResult> results, String model, String test) {
    return Report.llamaBench(results, model, test).map(LlamaBenchResult::tokensPerSecond).orElse(Double.NaN);
  }

  /** N clients on N slots, llmux and llama-server side by side, each against its own 1-client figure. */
  static Section serving(List<ServingFigure> figures, String skipped) {
    Map<String, Double> single = new java.util.HashMap<>();
    figures.stream().filter(f -> f.clients() == 1).forEach(f -> single.put(f.who(), f.mean()));
    List<List<Object>> rows = new ArrayList<>();
    for (ServingFigure f : figures) {
      if (!f.who().equals("llmux")) {
        continue;
      }
      ServingFigure s = figures.stream().filter(o -> o.who().equals("llama-server") && o.clients() == f.clients())
          .findFirst().orElse(new ServingFigure("llama-server", f.clients(), Double.NaN, Double.NaN, Double.NaN));
      rows.add(List.of((double) f.clients(), f.mean(), range(f), f.mean() / single.getOrDefault("llmux", Double.NaN),
          s.mean(), range(s), s.mean() / single.getOrDefault("llama-server", Double.NaN)));
    }
    List<String> notes = new ArrayList<>();
    notes.add("ServingComparison: the same file, slots, context 4096, threads, prompt and answer length (greedy,"
        + " end-of-sequence ignored); rounds of the two alternate, the first discarded; aggregate = clients x tokens"
        + " / time until the last answer ends. Compare each one's gain over its own 1-client figure.");
    if (!skipped.isEmpty()) {
      notes.add("Skipped: " + skipped);
    }
    return new Section("serving", "Concurrency against llama-server (aggregate tokens/s)", List.of(
        new Column("clients = slots", "clients", Format.INTEGER),
        new Column("llmux", "llmux", Format.NUMBER),
        new Column("llmux rounds", "llmuxRange", Format.TEXT),
        new Column("llmux vs 1 client", "llmuxGain", Format.FACTOR),
        new Column("llama-server", "llamaServer", Format.NUMBER),
        new Column("llama-server rounds", "llamaServerRange", Format.TEXT),
        new Column("llama-server vs 1 client", "llamaServerGain", Format.FACTOR)), rows, notes);
  }

  private static String range(ServingFigure f) {
    return Double.isNaN(f.min()) ? "–"
        : Section.format(f.min(), Format.NUMBER) + "-" + Section.format(f.max(), Format.NUMBER);
  }
}
