package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmux router estimate} and {@code router estimator-train} with the real encoder. */
final class RouterEstimateCommandTest {

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void estimate_json_givesCalibratedProbabilitiesAndTheRoutedState() throws Exception {
    CliRun r = run("router", "estimate", "--json", "Given two integers a and b, return their sum.");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode o = new ObjectMapper().readTree(r.out());
    JsonNode p = o.get("probabilities");
    assertEquals(1.0, p.get("EASY").asDouble() + p.get("MEDIUM").asDouble() + p.get("HARD").asDouble(), 1e-9);
    assertEquals("EASY", o.get("likeliest").asText());
    assertEquals("EASY", o.get("difficulty").asText());
    assertTrue(o.get("tokens").asInt() > 5);
  }

  @Test
  void estimate_text_fromAFile() throws Exception {
    Path f = dir.resolve("task.md");
    Files.writeString(f, "Implement an LRU cache with get and put in O(1).");
    CliRun r = run("router", "estimate", "--file", f.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("difficulty "), r.out());
    assertTrue(r.out().contains("easy ") && r.out().contains("hard "), r.out());
  }

  @Test
  void estimate_foreignEstimatorFile_isExit2() throws Exception {
    Path f = dir.resolve("policy.json");
    Files.writeString(f, "{\"format\": \"llmux-router-policy\", \"version\": 1}");
    CliRun r = run("router", "estimate", "--estimator", f.toString(), "hi");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("not a difficulty head"), r.err());
  }

  @Test
  void estimate_missingOnnxModel_isExit2() {
    CliRun r = run("router", "estimate", "--onnx-model", dir.resolve("none.onnx").toString(), "hi");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("none.onnx") && r.err().contains("does not exist"), r.err());
  }

  @Test
  void estimate_emptyText_isExit2() {
    CliRun r = run("router", "estimate", "   ");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("empty"), r.err());
  }

  @Test
  void estimatorTrain_writesAHeadThatEstimateReads() throws Exception {
    String[] levels = {"EASY", "MEDIUM", "HARD"};
    String[] topics = {"Return the sum of a list of numbers.", "Find the shortest path in a weighted graph with "
        + "negative edges and report a negative cycle.", "Count the distinct palindromic subsequences modulo 1e9+7 "
        + "for strings up to 10^5 characters with updates."};
    List<String> lines = new ArrayList<>();
    ObjectMapper m = new ObjectMapper();
    for (int i = 0; i < 60; i++) {
      int c = i % 3;
      lines.add(m.createObjectNode().put("id", "t" + i).put("difficulty", levels[c])
          .put("text", topics[c] + " Variant " + i + ".").toString());
    }
    Path data = dir.resolve("data.jsonl");
    Files.write(data, lines);
    Path out = dir.resolve("out");
    CliRun r = run("router", "estimator-train", "--data", data.toString(), "--out", out.toString(), "--max-tokens", "64");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("| head, calibrated |"), r.out());
    Path head = out.resolve("difficulty-head-v1.json");
    assertTrue(Files.isRegularFile(head));
    CliRun e = run("router", "estimate", "--json", "--estimator", head.toString(), topics[0]);
    assertEquals(0, e.exitCode(), e.err());
    assertEquals("EASY", new ObjectMapper().readTree(e.out()).get("likeliest").asText());
  }
}
