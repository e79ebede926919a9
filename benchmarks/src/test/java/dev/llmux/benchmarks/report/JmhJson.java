package dev.llmux.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Writes result files in the shape JMH's {@code -rf json} and llama-bench's {@code -o json} give, for tests. */
final class JmhJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ArrayNode results = MAPPER.createArrayNode();

  /** Adds a result whose score is the mean of {@code iterations}, in {@code unit}, with no error. */
  JmhJson add(String benchmark, String mode, int threads, Map<String, String> params, String unit, double... iterations) {
    return addAllocating(benchmark, mode, threads, params, unit, Double.NaN, iterations);
  }

  /** Adds a result with bytes allocated per operation ({@code -prof gc}). */
  JmhJson addAllocating(String benchmark, String mode, int threads, Map<String, String> params, String unit,
      double allocated,
      double... iterations) {
    ObjectNode r = results.addObject();
    r.put("jmhVersion", "1.37");
    r.put("benchmark", "dev.llmux.benchmarks." + benchmark);
    r.put("mode", mode);
    r.put("threads", threads);
    r.put("forks", 1);
    ObjectNode p = r.putObject("params");
    params.forEach(p::put);
    ObjectNode primary = r.putObject("primaryMetric");
    primary.put("score", Arrays.stream(iterations).average().orElse(Double.NaN));
    primary.put("scoreError", "NaN");
    ObjectNode pct = primary.putObject("scorePercentiles");
    double[] sorted = iterations.clone();
    Arrays.sort(sorted);
    pct.put("0.0", sorted[0]);
    pct.put("50.0", sorted[sorted.length / 2]);
    pct.put("90.0", sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]);
    pct.put("100.0", sorted[sorted.length - 1]);
    primary.put("scoreUnit", unit);
    if (!mode.equals("sample")) {
      ArrayNode fork = primary.putArray("rawData").addArray();
      for (double v : iterations) {
        fork.add(v);
      }
    }
    ObjectNode secondary = r.putObject("secondaryMetrics");
    if (!Double.isNaN(allocated)) {
      ObjectNode norm = secondary.putObject("\u00b7gc.alloc.rate.norm");
      norm.put("score", allocated);
      norm.put("scoreError", "NaN");
      norm.put("scoreUnit", "B/op");
    }
    return this;
  }

  /** Writes the results to {@code file} and returns it. */
  Path write(Path file) {
    try {
      Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Writes a llama-bench JSON file with pp512 and tg128 for {@code modelFile}. */
  static Path llamaBench(Path file, String modelFile, double pp512, double tg128, double... tgSamples) {
    ArrayNode root = MAPPER.createArrayNode();
    for (boolean prompt : new boolean[] {true, false}) {
      ObjectNode n = root.addObject();
      n.put("build_commit", "3d82dbcb");
      n.put("build_number", 4916);
      n.put("model_filename", "/models/synthetic/" + modelFile);
      n.put("n_threads", 2);
      n.put("n_prompt", prompt ? 512 : 0);
      n.put("n_gen", prompt ? 0 : 128);
      n.put("avg_ts", prompt ? pp512 : tg128);
      n.put("stddev_ts", 1.0);
      ArrayNode samples = n.putArray("samples_ts");
      if (!prompt) {
        for (double s : tgSamples) {
          samples.add(s);
        }
      }
    }
    try {
      Files.writeString(file, MAPPER.writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
