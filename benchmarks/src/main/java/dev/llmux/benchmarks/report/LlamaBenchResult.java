package dev.llmux.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.json.JsonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test of llama.cpp's own {@code llama-bench} ({@code -o json}): prompt processing
 * ({@code pp512}) or generation ({@code tg128}) of one model file.
 *
 * @param modelFile the model file's name (no folder)
 * @param threads the threads it ran with
 * @param promptTokens {@code n_prompt}: 512 for pp512, 0 for tg128
 * @param genTokens {@code n_gen}: 128 for tg128, 0 for pp512
 * @param tokensPerSecond mean tokens/s over the repetitions
 * @param stddev the tokens/s standard deviation
 * @param slowest the slowest repetition's tokens/s
 * @param build llama-bench's build, e.g. {@code b4916 (3d82dbcb)}
 */
public record LlamaBenchResult(
    String modelFile,
    int threads,
    int promptTokens,
    int genTokens,
    double tokensPerSecond,
    double stddev,
    double slowest,
    String build) {

  /** The test's name as llama-bench prints it: {@code pp512} or {@code tg128}. */
  public String test() {
    return promptTokens > 0 && genTokens == 0 ? "pp" + promptTokens : "tg" + genTokens;
  }

  /** Reads every test of a llama-bench JSON output file. */
  public static List<LlamaBenchResult> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read llama-bench output " + file + ": " + e.getMessage(), e);
    }
    // A document that is not JSON, or past the parser's limits, is a bad input naming the file.
    JsonNode root = JsonFields.of("llama-bench output " + file, IllegalArgumentException::new).parse(text);
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("llama-bench output " + file + " is not a JSON array (run it with -o json)");
    }
    List<LlamaBenchResult> results = new ArrayList<>();
    for (JsonNode n : root) {
      double slowest = Double.NaN;
      for (JsonNode s : n.path("samples_ts")) {
        slowest = Double.isNaN(slowest) ? s.asDouble() : Math.min(slowest, s.asDouble());
      }
      double mean = n.path("avg_ts").asDouble(Double.NaN);
      String model = Path.of(n.path("model_filename").asText("?")).getFileName().toString();
      String build = "b" + n.path("build_number").asText("?") + " (" + n.path("build_commit").asText("?") + ")";
      results.add(new LlamaBenchResult(model, n.path("n_threads").asInt(), n.path("n_prompt").asInt(),
          n.path("n_gen").asInt(), mean, n.path("stddev_ts").asDouble(Double.NaN), Double.isNaN(slowest) ? mean : slowest,
          build));
    }
    return results;
  }
}
