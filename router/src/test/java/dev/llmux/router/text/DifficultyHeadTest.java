package dev.llmux.router.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped difficulty head and feature pool, and what a bad head file gets. */
class DifficultyHeadTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void bundled_loadsWithItsSettings() {
    DifficultyHead head = DifficultyHead.bundled();
    assertEquals(256, head.maxTokens());
    assertTrue(head.unsureBelow() > 0 && head.unsureBelow() < 1);
    assertEquals(32, head.projection().dimensions());
    assertTrue(head.report().path("items").asInt() > 1000, "trained on real data: " + head.report());
  }

  @Test
  void bundledPool_outOfFoldEstimates_beatTheMajorityClassOnTheHeldOutFold() {
    FeaturePool pool = FeaturePool.bundled();
    assertEquals(32, pool.dimensions());
    int n = 0;
    int right = 0;
    int[] counts = new int[3];
    for (Difficulty d : new Difficulty[] {Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD}) {
      for (FeaturePool.Entry e : pool.entries(d)) {
        assertEquals(d, e.label());
        if (e.fold() == 0) {
          n++;
          counts[d.ordinal()]++;
          right += e.estimate().likeliest() == d ? 1 : 0;
        }
      }
    }
    double majority = Math.max(counts[0], Math.max(counts[1], counts[2])) / (double) n;
    double accuracy = right / (double) n;
    assertTrue(n > 300, "held-out items " + n);
    assertTrue(accuracy > majority + 0.03, "accuracy " + accuracy + " vs majority " + majority);
  }

  @Test
  void estimate_ofATrivialAndAHardTask_withTheRealEncoder() {
    DifficultyHead head = DifficultyHead.bundled();
    try (OnnxTextEncoder encoder = OnnxTextEncoder.open(OnnxTextEncoder.Options.defaults())) {
      String easy = "Given two integers a and b, return their sum.";
      String hard = "Given a weighted directed graph with n nodes and m edges and an integer k, return the minimum "
          + "cost of a path from node 0 to node n - 1 that uses at most k edges, where each edge may be reversed at "
          + "a cost. Constraints: 1 <= n <= 10^5, 1 <= m <= 2 * 10^5, 0 <= k <= 100.";
      DifficultyEstimate e = head.estimate(encoder.embed(easy), TextFacts.of(easy));
      DifficultyEstimate h = head.estimate(encoder.embed(hard), TextFacts.of(hard));
      assertEquals(Difficulty.EASY, e.likeliest(), e.toString());
      assertTrue(h.hard() > e.hard() && h.easy() < e.easy(), e + " vs " + h);
      assertEquals(1.0, e.easy() + e.medium() + e.hard(), 1e-9);
    }
  }

  @Test
  void estimate_belowTheThreshold_routesAsUnknown() {
    DifficultyEstimate unsure = DifficultyEstimate.of(0.35, 0.4, 0.25, 0.5);
    assertEquals(Difficulty.MEDIUM, unsure.likeliest());
    assertEquals(Difficulty.UNKNOWN, unsure.routed());
    DifficultyEstimate sure = DifficultyEstimate.of(0.1, 0.2, 0.7, 0.5);
    assertEquals(Difficulty.HARD, sure.routed());
  }

  private static ObjectNode bundledJson() throws Exception {
    try (var in = DifficultyHead.class.getResourceAsStream(DifficultyHead.RESOURCE)) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  private static TextFeatureException readBad(Path dir, String content) throws Exception {
    Path f = dir.resolve("head.json");
    Files.writeString(f, content);
    return assertThrows(TextFeatureException.class, () -> DifficultyHead.read(f));
  }

  @Test
  void read_notJson(@TempDir Path dir) throws Exception {
    assertTrue(readBad(dir, "{ nope").getMessage().contains("not JSON"));
  }

  @Test
  void read_foreignFormat(@TempDir Path dir) throws Exception {
    String m = readBad(dir, "{\"format\": \"llmux-router-policy\", \"version\": 1}").getMessage();
    assertTrue(m.contains("not a difficulty head"), m);
  }

  @Test
  void read_otherVersion(@TempDir Path dir) throws Exception {
    ObjectNode o = bundledJson();
    o.put("version", 7);
    String m = readBad(dir, o.toString()).getMessage();
    assertTrue(m.contains("version 7") && m.contains("retrain"), m);
  }

  @Test
  void read_otherEncoder(@TempDir Path dir) throws Exception {
    ObjectNode o = bundledJson();
    o.put("encoder", "bge-small");
    String m = readBad(dir, o.toString()).getMessage();
    assertTrue(m.contains("bge-small"), m);
  }

  @Test
  void read_truncatedWeights(@TempDir Path dir) throws Exception {
    ObjectNode o = bundledJson();
    ((com.fasterxml.jackson.databind.node.ArrayNode) o.get("weights").get(1)).remove(0);
    String m = readBad(dir, o.toString()).getMessage();
    assertTrue(m.contains("weights[1]") && m.contains("387"), m);
  }

  @Test
  void read_missingFile(@TempDir Path dir) {
    TextFeatureException e = assertThrows(TextFeatureException.class, () -> DifficultyHead.read(dir.resolve("x.json")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void read_roundTripOfTheBundledHead_givesTheSameEstimates(@TempDir Path dir) throws Exception {
    DifficultyHead head = DifficultyHead.bundled();
    Path f = dir.resolve("copy.json");
    head.write(f);
    DifficultyHead copy = DifficultyHead.read(f);
    float[] e = new float[384];
    e[3] = 0.6f;
    e[100] = -0.8f;
    TextFacts facts = TextFacts.of("Return the k-th smallest element.");
    assertEquals(head.estimate(e, facts).medium(), copy.estimate(e, facts).medium(), 1e-5);
  }

  @Test
  void pool_notGzip_orForeign_isABadFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("pool.tsv.gz");
    Files.writeString(f, "plain text");
    assertThrows(TextFeatureException.class, () -> FeaturePool.read(f, 0.5));
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
      out.write("# something else\n".getBytes());
    }
    TextFeatureException e = assertThrows(TextFeatureException.class, () -> FeaturePool.read(f, 0.5));
    assertTrue(e.getMessage().contains("not a llmux difficulty pool"), e.getMessage());
  }

  @Test
  void facts_seeCodeTestOutputAndLanguage() {
    TextFacts f = TextFacts.of("Fix this:\n```java\npublic static void main() {}\n```\nTests run: 3, FAILED");
    assertTrue(f.codeBlock());
    assertTrue(f.testOutput());
    assertEquals("java", f.language());
    TextFacts plain = TextFacts.of("Tell me about routers");
    assertEquals(21, plain.chars());
    assertEquals("", plain.language());
  }
}
