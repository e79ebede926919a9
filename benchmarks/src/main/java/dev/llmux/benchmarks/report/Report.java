package dev.llmux.benchmarks.report;

import dev.llmux.benchmarks.BenchModel;
import dev.llmux.benchmarks.ConcurrencyBenchmark;
import dev.llmux.benchmarks.DecodeBenchmark;
import dev.llmux.benchmarks.FirstTokenBenchmark;
import dev.llmux.benchmarks.OverheadBenchmark;
import dev.llmux.benchmarks.PromptBenchmark;
import dev.llmux.benchmarks.report.Section.Column;
import dev.llmux.benchmarks.report.Section.Format;
import dev.llmux.benchmarks.report.Section.Measured;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark report: JMH's results and llama-bench's, turned into tokens/s, ratios and the
 * project's performance targets, with the machine that produced them. {@link ReportFiles} writes it as Markdown
 * and JSON.
 */
public final class Report {

  /** The concurrency gain llama.cpp's own server got with 4 requests on 4 slots (measured on the 0.5B shape, 2 cores). */
  public static final double SERVER_GAIN = 1.17;
  /** The gain llama.cpp's batched-bench got in the same set-up. */
  public static final double BATCHED_BENCH_GAIN = 1.37;

  private static final String BINDING = "BINDING";
  static final String LLMUX = "LLMUX";

  /**
   * What was run.
   *
   * @param started when the run started, ISO-8601
   * @param mode {@code full}, {@code quick} or {@code custom}
   * @param threads the threads llama.cpp ran with (and llama-bench, when it ran)
   * @param jmh the JMH settings in words
   * @param llamaBench llama-bench's path, or why it did not run
   */
  public record Run(String started, String mode, int threads, String jmh, String llamaBench) {}

  private final Run run;
  private final Machine machine;
  private final List<JmhResult> jmh;
  private final List<LlamaBenchResult> llamaBench;
  private final List<Section> sections = new ArrayList<>();
  private SameRun.Results sameRun = SameRun.Results.NONE;

  private Report(Run run, Machine machine, List<JmhResult> jmh, List<LlamaBenchResult> llamaBench) {
    this.run = run;
    this.machine = machine;
    this.jmh = List.copyOf(jmh);
    this.llamaBench = List.copyOf(llamaBench);
  }

  /** Builds the report from JMH's and llama-bench's results. */
  public static Report of(Run run, Machine machine, List<JmhResult> jmh, List<LlamaBenchResult> llamaBench) {
    Report r = new Report(run, machine, jmh, llamaBench);
    r.sections.add(r.throughput());
    r.sections.add(r.firstToken());
    r.sections.add(r.concurrency());
    r.sections.add(r.overhead());
    r.sections.add(r.router());
    r.sections.add(r.routed());
    r.sections.add(0, r.targets());
    return r;
  }

  /** Builds the report with the sections measured against llama.cpp's own tools in the same run. */
  public static Report of(Run run, Machine machine, List<JmhResult> jmh, List<LlamaBenchResult> llamaBench,
      SameRun.Results sameRun) {
    Report r = of(run, machine, jmh, llamaBench);
    r.sameRun = sameRun;
    r.sections.addAll(sameRun.sections());
    return r;
  }

  /** What was run. */
  public Run run() {
    return run;
  }

  /** What was measured against llama.cpp's own tools in the same run, and the machine's load. */
  public SameRun.Results sameRun() {
    return sameRun;
  }

  /** The machine. */
  public Machine machine() {
    return machine;
  }

  /** The sections in print order: targets first. */
  public List<Section> sections() {
    return List.copyOf(sections);
  }

  /** The section with {@code key}. */
  public Section section(String key) {
    return sections.stream().filter(s -> s.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no section " + key));
  }

  /** JMH's results the report was built from. */
  public List<JmhResult> jmh() {
    return jmh;
  }

  /** llama-bench's results the report was built from. */
  public List<LlamaBenchResult> llamaBench() {
    return llamaBench;
  }

  /** The whole report as Markdown. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# llmux benchmarks, ").append(run.started()).append(" (").append(run.mode()).append(")\n\n");
    sb.append("| | |\n|---|---|\n");
    sb.append("| CPU | ").append(machine.cpuModel()).append(", ").append(machine.cpus()).append(" processors")
        .append(machine.memoryBytes() > 0 ? String.format(Locale.ROOT, ", %.1f GiB", machine.memoryBytes() / 1073741824.0) : "")
        .append(" |\n");
    sb.append("| CPU features | ").append(String.join(" ", machine.cpuFeatures())).append(" |\n");
    sb.append("| OS | ").append(machine.os()).append(" |\n");
    sb.append("| JDK | ").append(machine.jdk()).append(" |\n");
    sb.append("| binding | ").append(machine.binding()).append(" |\n");
    sb.append("| native library | ").append(machine.library())
        .append(machine.librarySha256().isEmpty() ? "" : ", sha256 " + shortHash(machine.librarySha256())).append(" |\n");
    sb.append("| llama-bench | ").append(run.llamaBench()).append(llamaBenchBuild().map(b -> ", " + b).orElse(""))
        .append(" |\n");
    sb.append("| threads | ").append(run.threads()).append(" |\n");
    sb.append("| JMH | ").append(run.jmh()).append(" |\n");
    if (!sameRun.loadStart().isEmpty()) {
      sb.append("| load average (/proc/loadavg) | start ").append(sameRun.loadStart()).append("; end ")
          .append(sameRun.loadEnd()).append(" |\n");
    }
    for (String note : machine.notes()) {
      sb.append("\nNote: ").append(note).append('\n');
    }
    sb.append("\nSynthetic models: real shapes and tensor types, random weights: their speed is real, their text noise.\n");
    for (Section s : sections) {
      sb.append('\n').append(s.markdown());
    }
    return sb.toString();
  }

  private static String shortHash(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  private Optional<String> llamaBenchBuild() {
    return llamaBench.stream().map(LlamaBenchResult::build).findFirst();
  }

  // ---- sections ----

  private Section throughput() {
    List<List<Object>> rows = new ArrayList<>();
    for (String model : models("DecodeBenchmark.decode", "PromptBenchmark.prompt")) {
      rows.add(throughputRow(model, "tg" + DecodeBenchmark.TOKENS, "DecodeBenchmark.decode", DecodeBenchmark.TOKENS));
      rows.add(throughputRow(model, "pp" + PromptBenchmark.PROMPT_TOKENS, "PromptBenchmark.prompt",
          PromptBenchmark.PROMPT_TOKENS));
    }
    rows.removeIf(r -> Double.isNaN(((Measured) r.get(2)).value()) && Double.isNaN(((Measured) r.get(3)).value()));
    return new Section("throughput", "Token throughput (tokens/s)", List.of(
        new Column("model", "model", Format.TEXT),
        new Column("test", "test", Format.TEXT),
        new Column("binding", "binding", Format.NUMBER),
        new Column("llmux", "llmux", Format.NUMBER),
        new Column("llmux / binding", "llmuxOverBinding", Format.PERCENT),
        new Column("slowest llmux request", "llmuxSlowest", Format.NUMBER),
        new Column("llama-bench", "llamaBench", Format.NUMBER),
        new Column("binding / llama-bench", "bindingOverLlamaBench", Format.PERCENT),
        new Column("llmux / llama-bench", "llmuxOverLlamaBench", Format.PERCENT),
        new Column("slowest llmux / llama-bench", "llmuxSlowestOverLlamaBench", Format.PERCENT)), rows, List.of(
        "tg" + DecodeBenchmark.TOKENS + ": " + DecodeBenchmark.TOKENS + " tokens after a short cached prompt, greedy,"
            + " end-of-sequence ignored; pp" + PromptBenchmark.PROMPT_TOKENS + ": a " + PromptBenchmark.PROMPT_TOKENS
            + "-token prompt, prompt cache off, one token answered (its sampling and the request's cost count against"
            + " llmux and the binding, not against llama-bench). Binding = de.kherud's LlamaModel.generate on the"
            + " model llmux loaded; llmux = Backend.chat. Mean ± 99.9% confidence half-width over the measured"
            + " requests; \"slowest\" is the slowest single request."));
  }

  private List<Object> throughputRow(String model, String test, String benchmark, int tokens) {
    Measured binding = rate(find(benchmark, Map.of("model", model, "api", BINDING)), tokens);
    Optional<JmhResult> llmuxResult = find(benchmark, Map.of("model", model, "api", LLMUX));
    Measured llmux = rate(llmuxResult, tokens);
    double slowest = llmuxResult.map(r -> tokens * 1000.0 / r.toMillis(r.max())).orElse(Double.NaN);
    double lb = llamaBench(model, test).map(LlamaBenchResult::tokensPerSecond).orElse(Double.NaN);
    List<Object> row = new ArrayList<>();
    row.add(label(model));
    row.add(test);
    row.add(binding);
    row.add(llmux);
    row.add(ratio(llmux, binding));
    row.add(slowest);
    row.add(lb);
    row.add(binding.value() / lb);
    row.add(llmux.value() / lb);
    row.add(slowest / lb);
    return row;
  }

  private Section firstToken() {
    List<List<Object>> rows = new ArrayList<>();
    for (String model : models("FirstTokenBenchmark.firstToken")) {
      Optional<JmhResult> b = find("FirstTokenBenchmark.firstToken", Map.of("model", model, "api", BINDING));
      Optional<JmhResult> l = find("FirstTokenBenchmark.firstToken", Map.of("model", model, "api", LLMUX));
      double bp50 = b.map(r -> r.toMillis(r.median())).orElse(Double.NaN);
      double lp50 = l.map(r -> r.toMillis(r.median())).orElse(Double.NaN);
      double lp90 = l.map(r -> r.toMillis(r.percentiles().getOrDefault("90.0", Double.NaN))).orElse(Double.NaN);
      rows.add(List.of(label(model), bp50, lp50, lp90, lp50 - bp50));
    }
    return new Section("firstToken", "Time to first token (short prompt, warm model, ms)", List.of(
        new Column("model", "model", Format.TEXT),
        new Column("binding p50", "bindingP50", Format.NUMBER),
        new Column("llmux p50", "llmuxP50", Format.NUMBER),
        new Column("llmux p90", "llmuxP90", Format.NUMBER),
        new Column("llmux − binding", "llmuxMinusBinding", Format.NUMBER)), rows, List.of(
        "A new conversation's prompt of " + FirstTokenBenchmark.PROMPT_TOKENS + " tokens (prompt cache off) answered with"
            + " one token; median and p90 of the sampled request times."));
  }

  private Section concurrency() {
    List<List<Object>> rows = new ArrayList<>();
    String model = "";
    for (String api : List.of(BINDING, LLMUX)) {
      double single = Double.NaN;
      for (int clients : List.of(1, 2, 4)) {
        Optional<JmhResult> r = find("ConcurrencyBenchmark.clients" + clients, Map.of("api", api));
        if (r.isEmpty()) {
          continue;
        }
        model = r.get().param("model");
        double latency = r.get().millis();
        double aggregate = clients * ConcurrencyBenchmark.TOKENS * 1000.0 / latency;
        if (clients == 1) {
          single = aggregate;
        }
        rows.add(List.of(api.toLowerCase(Locale.ROOT), (double) clients, latency, aggregate, aggregate / single));
      }
    }
    return new Section("concurrency", "Concurrent requests on one model"
        + (model.isEmpty() ? "" : " (" + label(model) + ", " + ConcurrencyBenchmark.TOKENS + "-token answers)"),
        List.of(
            new Column("api", "api", Format.TEXT),
            new Column("clients = slots", "clients", Format.INTEGER),
            new Column("per-request latency (ms)", "latencyMillis", Format.NUMBER),
            new Column("aggregate tokens/s", "aggregateTokensPerSecond", Format.NUMBER),
            new Column("gain over 1 client", "gain", Format.FACTOR)), rows, List.of(
            "Every client sends its request at the same moment; aggregate = clients x tokens / latency. For"
                + " reference (same shape, 2 cores): llama.cpp's own server gained "
                + String.format(Locale.ROOT, "%.2fx", SERVER_GAIN) + " with 4 requests on 4 slots, its batched-bench "
                + String.format(Locale.ROOT, "%.2fx", BATCHED_BENCH_GAIN) + "."));
  }

  private Section overhead() {
    List<List<Object>> rows = new ArrayList<>();
    String model = "";
    double lbPerToken = Double.NaN;
    double[] perToken = {Double.NaN, Double.NaN};
    double[] perRequest = {Double.NaN, Double.NaN};
    double[] bytesPerToken = {Double.NaN, Double.NaN};
    List<String> apis = List.of(BINDING, LLMUX);
    for (int i = 0; i < apis.size(); i++) {
      Optional<JmhResult> one = find("OverheadBenchmark.request", Map.of("api", apis.get(i), "tokens", "1"));
      Optional<JmhResult> many = find("OverheadBenchmark.request",
          Map.of("api", apis.get(i), "tokens", Integer.toString(OverheadBenchmark.LONG)));
      if (one.isEmpty() || many.isEmpty()) {
        continue;
      }
      model = one.get().param("model");
      lbPerToken = llamaBench(model, "tg128").map(r -> 1000.0 / r.tokensPerSecond()).orElse(Double.NaN);
      double t1 = one.get().millis();
      double tn = many.get().millis();
      perToken[i] = (tn - t1) / (OverheadBenchmark.LONG - 1);
      perRequest[i] = t1 - perToken[i];
      bytesPerToken[i] = (many.get().allocatedBytesPerOp() - one.get().allocatedBytesPerOp()) / (OverheadBenchmark.LONG - 1);
      rows.add(List.of(apis.get(i).toLowerCase(Locale.ROOT), t1, tn, perToken[i], perRequest[i], lbPerToken,
          perToken[i] - lbPerToken, bytesPerToken[i]));
    }
    if (rows.size() == 2) {
      rows.add(List.of("llmux − binding", Double.NaN, Double.NaN, perToken[1] - perToken[0], perRequest[1] - perRequest[0],
          Double.NaN, Double.NaN, bytesPerToken[1] - bytesPerToken[0]));
    }
    return new Section("overhead", "Per-token and per-request cost" + (model.isEmpty() ? "" : " (" + label(model) + ")"),
        List.of(
            new Column("api", "api", Format.TEXT),
            new Column("1-token request (ms)", "oneTokenMillis", Format.NUMBER),
            new Column(OverheadBenchmark.LONG + "-token request (ms)", "longMillis", Format.NUMBER),
            new Column("per token (ms)", "perTokenMillis", Format.NUMBER),
            new Column("per request (ms)", "perRequestMillis", Format.NUMBER),
            new Column("llama-bench per token (ms)", "llamaBenchPerTokenMillis", Format.NUMBER),
            new Column("per token over llama-bench (ms)", "perTokenOverLlamaBenchMillis", Format.NUMBER),
            new Column("Java heap per token (B)", "bytesPerToken", Format.INTEGER)), rows,
        List.of("On the tiny model compute is negligible, so these are the costs of serving: per token = the slope"
            + " between the two request lengths, per request = the 1-token time less one token."
            + " llama-bench per token = 1000 / its tg128 on the same file. llama-bench's tg128 only runs the model"
            + " (it samples nothing); a request through the binding also samples each token with llama.cpp's sampler"
            + " chain over the whole vocabulary and hands it from llama.cpp's serving thread to the Java thread (a"
            + " queue, a JNI call, a result object). Sampling is work every real answer pays; the hand-over per token"
            + " is what a binding returning several tokens per call would remove."));
  }

  private Section router() {
    Set<String> methods = new LinkedHashSet<>();
    Map<String, Map<String, JmhResult>> byPolicy = new LinkedHashMap<>();
    for (JmhResult r : jmh) {
      if (r.benchmark().startsWith("RouterBenchmark.")) {
        String method = r.benchmark().substring("RouterBenchmark.".length());
        methods.add(method);
        byPolicy.computeIfAbsent(r.param("policy"), p -> new LinkedHashMap<>()).put(method, r);
      }
    }
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("policy", "policy", Format.TEXT));
    Map<String, Integer> threads = new LinkedHashMap<>();
    for (Map<String, JmhResult> m : byPolicy.values()) {
      m.forEach((method, r) -> threads.put(method, r.threads()));
    }
    for (String method : methods) {
      String t = threads.getOrDefault(method, 1) > 1 ? ", " + threads.get(method) + " threads" : "";
      columns.add(new Column(method + " (ns" + t + ")", method + "Nanos", Format.NUMBER));
      columns.add(new Column(method + " (B/op)", method + "Bytes", Format.INTEGER));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, JmhResult>> e : byPolicy.entrySet()) {
      List<Object> row = new ArrayList<>();
      row.add(e.getKey());
      for (String method : methods) {
        JmhResult r = e.getValue().get(method);
        row.add(r == null ? Double.NaN : r.toNanos(r.median()));
        row.add(r == null ? Double.NaN : r.allocatedBytesPerOp());
      }
      rows.add(row);
    }
    return new Section("router", "Router overhead per call", columns, rows, List.of(
        "Median over the measured iterations of the mean time per call; bytes allocated per call from JMH's"
            + " -prof gc (blank without it). Contended methods run on every processor at once."));
  }

  private Section routed() {
    List<List<Object>> rows = new ArrayList<>();
    Set<String> backends = new LinkedHashSet<>();
    for (JmhResult r : jmh) {
      if (r.benchmark().startsWith("RoutedRequestBenchmark.")) {
        backends.add(r.param("backend"));
      }
    }
    for (String backend : backends) {
      Optional<JmhResult> direct = find("RoutedRequestBenchmark.direct", Map.of("backend", backend));
      Optional<JmhResult> routed = find("RoutedRequestBenchmark.routed", Map.of("backend", backend));
      double d = direct.map(JmhResult::millis).orElse(Double.NaN);
      double r = routed.map(JmhResult::millis).orElse(Double.NaN);
      rows.add(List.of(label(backend), d, r, r - d, (r - d) / d));
    }
    return new Section("routed", "Routed request against the direct request (ms)", List.of(
        new Column("backend", "backend", Format.TEXT),
        new Column("direct", "directMillis", Format.NUMBER),
        new Column("routed", "routedMillis", Format.NUMBER),
        new Column("routed − direct", "overheadMillis", Format.NUMBER),
        new Column("overhead", "overhead", Format.PERCENT)), rows, List.of(
        "Routed = RoutedBackend: choose, the same backend's chat, feedback. On the instant backend (no model) the"
            + " difference is the routing cost alone; on a model it drowns in the request's own variation."));
  }

  // ---- targets ----

  private Section targets() {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(bindingRatioTarget());
    rows.add(routerTarget("choose", 100, true));
    rows.add(routerTarget("feedback", 200, false));
    rows.add(routedTarget());
    rows.add(concurrencyTarget());
    rows.add(llamaBenchTarget());
    return new Section("targets", "Targets", List.of(
        new Column("target", "target", Format.TEXT),
        new Column("measured", "measured", Format.TEXT),
        new Column("result", "result", Format.TEXT)), rows, List.of());
  }

  private static String verdict(boolean measured, boolean met) {
    return !measured ? "not measured" : met ? "met" : "missed";
  }

  private List<Object> bindingRatioTarget() {
    Section t = throughput();
    double worst = Double.NaN;
    String where = "";
    for (int i = 0; i < t.rows().size(); i++) {
      double v = (Double) t.value(i, "llmuxOverBinding");
      if (!Double.isNaN(v) && (Double.isNaN(worst) || v < worst)) {
        worst = v;
        where = t.value(i, "model") + " " + t.value(i, "test");
      }
    }
    boolean measured = !Double.isNaN(worst);
    return List.of("llmux Backend API ≥ 99% of the binding's decode and prompt tokens/s",
        measured ? "lowest " + Section.format(worst, Format.PERCENT) + " (" + where + ")" : "–",
        verdict(measured, worst >= 0.99));
  }

  private List<Object> routerTarget(String method, double limitNanos, boolean zeroAlloc) {
    double worst = Double.NaN;
    double worstBytes = Double.NaN;
    String where = "";
    for (JmhResult r : jmh) {
      if (r.benchmark().equals("RouterBenchmark." + method) && tabular(r.param("policy"))) {
        double ns = r.toNanos(r.median());
        if (Double.isNaN(worst) || ns > worst) {
          worst = ns;
          where = r.param("policy");
        }
        if (!Double.isNaN(r.allocatedBytesPerOp())) {
          worstBytes = Double.isNaN(worstBytes) ? r.allocatedBytesPerOp() : Math.max(worstBytes, r.allocatedBytesPerOp());
        }
      }
    }
    boolean measured = !Double.isNaN(worst) && (!zeroAlloc || !Double.isNaN(worstBytes));
    boolean met = worst < limitNanos && (!zeroAlloc || worstBytes < 0.5);
    String target = "router " + method + " (tabular policies) < " + (int) limitNanos + " ns median"
        + (zeroAlloc ? ", 0 bytes allocated" : "");
    String value = Double.isNaN(worst) ? "–" : "slowest " + Section.format(worst, Format.NUMBER) + " ns (" + where + ")"
        + (zeroAlloc ? ", most " + Section.format(worstBytes, Format.INTEGER) + " B/op" : "");
    return List.of(target, value, verdict(measured, met));
  }

  /** Tabular policies: per-state tables (Q-learning and the bandits), as opposed to the baselines. */
  private static boolean tabular(String policy) {
    return policy.startsWith("rl.") || policy.startsWith("bandit.");
  }

  private List<Object> routedTarget() {
    Optional<JmhResult> instantDirect = find("RoutedRequestBenchmark.direct", Map.of("backend", "INSTANT"));
    Optional<JmhResult> instantRouted = find("RoutedRequestBenchmark.routed", Map.of("backend", "INSTANT"));
    Optional<JmhResult> modelDirect = jmh.stream().filter(r -> r.benchmark().equals("RoutedRequestBenchmark.direct")
        && r.param("backend").equals(BenchModel.QWEN2_5_0_5B_Q8_0.name())).findFirst();
    boolean measured = instantDirect.isPresent() && instantRouted.isPresent() && modelDirect.isPresent();
    String target = "routed request overhead < 1% of a 32-token answer (0.5B shape)";
    if (!measured) {
      return List.of(target, "–", verdict(false, false));
    }
    double overhead = instantRouted.get().millis() - instantDirect.get().millis();
    double share = overhead / modelDirect.get().millis();
    return List.of(target, Section.format(overhead * 1000, Format.NUMBER) + " µs = " + Section.format(share, Format.PERCENT)
        + " of " + Section.format(modelDirect.get().millis(), Format.NUMBER) + " ms", verdict(true, share < 0.01));
  }

  private List<Object> concurrencyTarget() {
    Section c = concurrency();
    double gain = Double.NaN;
    for (int i = 0; i < c.rows().size(); i++) {
      if (c.value(i, "api").equals("llmux") && ((Double) c.value(i, "clients")) == 4) {
        gain = (Double) c.value(i, "gain");
      }
    }
    boolean measured = !Double.isNaN(gain);
    return List.of("4 requests on 4 slots ≥ " + String.format(Locale.ROOT, "%.2fx", SERVER_GAIN)
            + " one request (llama.cpp server; batched-bench " + String.format(Locale.ROOT, "%.2fx", BATCHED_BENCH_GAIN) + ")",
        measured ? Section.format(gain, Format.FACTOR) + " through llmux" : "–", verdict(measured, gain >= SERVER_GAIN));
  }

  private List<Object> llamaBenchTarget() {
    Section t = throughput();
    double worst = Double.NaN;
    String where = "";
    for (int i = 0; i < t.rows().size(); i++) {
      if (!((String) t.value(i, "test")).startsWith("tg")) {
        continue;
      }
      double v = (Double) t.value(i, "llmuxSlowestOverLlamaBench");
      if (!Double.isNaN(v) && (Double.isNaN(worst) || v < worst)) {
        worst = v;
        where = (String) t.value(i, "model");
      }
    }
    boolean measured = !Double.isNaN(worst);
    return List.of("decode through llmux ≥ 97% of llama-bench tg128, every request",
        measured ? "slowest request " + Section.format(worst, Format.PERCENT) + " (" + where + ")"
            : "– (llama-bench not on the PATH)", verdict(measured, worst >= 0.97));
  }

  // ---- lookups ----

  /** The models that {@code benchmarks} ran on, in {@link BenchModel} order, then any others. */
  private List<String> models(String... benchmarks) {
    Set<String> found = new LinkedHashSet<>();
    for (JmhResult r : jmh) {
      for (String b : benchmarks) {
        if (r.benchmark().equals(b) && !r.param("model").isEmpty()) {
          found.add(r.param("model"));
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    for (BenchModel m : BenchModel.values()) {
      if (found.remove(m.name())) {
        ordered.add(m.name());
      }
    }
    ordered.addAll(found);
    return ordered;
  }

  private Optional<JmhResult> find(String benchmark, Map<String, String> params) {
    return find(jmh, benchmark, params);
  }

  /** The first result of {@code benchmark} whose parameters include {@code params}. */
  static Optional<JmhResult> find(List<JmhResult> results, String benchmark, Map<String, String> params) {
    return results.stream().filter(r -> r.benchmark().equals(benchmark))
        .filter(r -> params.entrySet().stream().allMatch(e -> r.param(e.getKey()).equals(e.getValue())))
        .findFirst();
  }

  private Optional<LlamaBenchResult> llamaBench(String model, String test) {
    return llamaBench(llamaBench, model, test);
  }

  /** llama-bench's line for {@code test} on the file of the JMH model parameter {@code model}. */
  static Optional<LlamaBenchResult> llamaBench(List<LlamaBenchResult> results, String model, String test) {
    String file = label(model) + ".gguf";
    return results.stream().filter(r -> r.modelFile().equals(file) && r.test().equals(test)).findFirst();
  }

  static Measured rate(Optional<JmhResult> r, int tokens) {
    if (r.isEmpty()) {
      return new Measured(Double.NaN, Double.NaN);
    }
    double ms = r.get().millis();
    double errMs = r.get().toMillis(r.get().error());
    double tps = tokens * 1000.0 / ms;
    return new Measured(tps, Double.isNaN(errMs) ? Double.NaN : tps * errMs / ms);
  }

  private static double ratio(Measured a, Measured b) {
    return a.value() / b.value();
  }

  /** A model's report name: the file name for a {@link BenchModel}, else the parameter as it is. */
  static String label(String model) {
    for (BenchModel m : BenchModel.values()) {
      if (m.name().equals(model)) {
        return m.label();
      }
    }
    return model.toLowerCase(Locale.ROOT);
  }
}
