package dev.llmux.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.json.JsonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark result from JMH's JSON output ({@code -rf json}): one benchmark method with one
 * combination of parameters.
 *
 * @param benchmark the class's simple name and the method, e.g. {@code DecodeBenchmark.decode}
 * @param mode JMH's short mode name: {@code ss}, {@code avgt}, {@code sample}, {@code thrpt}
 * @param threads the benchmark's threads
 * @param params the parameter values
 * @param score the primary score (mean over iterations)
 * @param error the score's 99.9% confidence half-width, NaN when unknown
 * @param unit the score's unit, e.g. {@code ms/op}
 * @param iterations the score of every measured iteration (every fork), empty in sample mode
 * @param percentiles the score's percentiles by percent ("50.0" is the median)
 * @param allocatedBytesPerOp bytes allocated per operation from {@code -prof gc}, NaN when not profiled
 */
public record JmhResult(
    String benchmark,
    String mode,
    int threads,
    Map<String, String> params,
    double score,
    double error,
    String unit,
    List<Double> iterations,
    Map<String, Double> percentiles,
    double allocatedBytesPerOp) {

  private static final String PACKAGE = "dev.llmux.benchmarks.";

  /** Copies the collections. */
  public JmhResult {
    params = Map.copyOf(params);
    iterations = List.copyOf(iterations);
    percentiles = Map.copyOf(percentiles);
  }

  /** Reads every result of a JMH JSON result file. */
  public static List<JmhResult> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JMH results " + file + ": " + e.getMessage(), e);
    }
    // A document that is not JSON, or past the parser's limits, is a bad input naming the file.
    JsonNode root = JsonFields.of("JMH results " + file, IllegalArgumentException::new).parse(text);
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("JMH results " + file + " are not a JSON array; write them with -rf json");
    }
    List<JmhResult> results = new ArrayList<>();
    for (JsonNode n : root) {
      results.add(parse(n));
    }
    return results;
  }

  static JmhResult parse(JsonNode n) {
    String name = n.path("benchmark").asText();
    if (name.startsWith(PACKAGE)) {
      name = name.substring(PACKAGE.length());
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("params").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      params.put(e.getKey(), e.getValue().asText());
    }
    JsonNode primary = n.path("primaryMetric");
    List<Double> iterations = new ArrayList<>();
    for (JsonNode fork : primary.path("rawData")) {
      for (JsonNode v : fork) {
        iterations.add(number(v));
      }
    }
    Map<String, Double> percentiles = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = primary.path("scorePercentiles").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      percentiles.put(e.getKey(), number(e.getValue()));
    }
    double alloc = Double.NaN;
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("secondaryMetrics").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        alloc = number(e.getValue().path("score"));
      }
    }
    return new JmhResult(name, n.path("mode").asText(), n.path("threads").asInt(1), params, number(primary.path("score")),
        number(primary.path("scoreError")), primary.path("scoreUnit").asText(), iterations, percentiles, alloc);
  }

  /** JMH writes NaN and infinities as strings. */
  private static double number(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return Double.NaN;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    try {
      return Double.parseDouble(v.asText());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The parameter {@code name}, or {@code ""} when the benchmark has none of that name. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }

  /** The median of the measured iterations (of the percentiles in sample mode). */
  public double median() {
    if (iterations.isEmpty()) {
      return percentiles.getOrDefault("50.0", score);
    }
    double[] v = iterations.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  /** The largest measured iteration (the slowest request in single-shot mode). */
  public double max() {
    return iterations.stream().mapToDouble(Double::doubleValue).max().orElse(score);
  }

  /** The smallest measured iteration. */
  public double min() {
    return iterations.stream().mapToDouble(Double::doubleValue).min().orElse(score);
  }

  /** The score in milliseconds per operation, converting from JMH's time units. */
  public double millis() {
    return toMillis(score);
  }

  /** {@code value}, in this result's unit, converted to milliseconds per operation. */
  public double toMillis(double value) {
    String u = unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : unit;
    return switch (u) {
      case "ns" -> value / 1e6;
      case "us" -> value / 1e3;
      case "ms" -> value;
      case "s" -> value * 1e3;
      default -> throw new IllegalArgumentException(benchmark + " has unit " + unit + ", not a time per operation");
    };
  }

  /** {@code value}, in this result's unit, converted to nanoseconds per operation. */
  public double toNanos(double value) {
    return toMillis(value) * 1e6;
  }

  @Override
  public String toString() {
    return benchmark + params + " " + score + " " + unit + " " + Arrays.toString(iterations.toArray());
  }
}
