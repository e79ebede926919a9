package dev.llmux.router.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.RouteContext.Difficulty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's fitting, split, calibration and files, on embeddings whose classes are separable
 * by construction (class-dependent means plus noise): the trained head must find the signal and
 * beat both baselines, and every written file must read back.
 */
class EstimatorTrainingTest {

  static List<EstimatorTraining.Item> items(int n, SplittableRandom r) {
    List<EstimatorTraining.Item> items = new ArrayList<>();
    Difficulty[] d = {Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD};
    for (int i = 0; i < n; i++) {
      Difficulty label = d[r.nextInt(10) < 5 ? 1 : r.nextBoolean() ? 0 : 2];
      items.add(new EstimatorTraining.Item("item-" + i, label, "task " + i + " " + "x".repeat(40 + r.nextInt(400))));
    }
    return items;
  }

  static float[][] embeddings(List<EstimatorTraining.Item> items, SplittableRandom r, double signal) {
    float[][] e = new float[items.size()][384];
    for (int k = 0; k < items.size(); k++) {
      double norm = 0;
      for (int i = 0; i < 384; i++) {
        e[k][i] = (float) (r.nextGaussian() + (i < 3 && i == items.get(k).label().ordinal() ? signal : 0));
        norm += e[k][i] * e[k][i];
      }
      for (int i = 0; i < 384; i++) {
        e[k][i] /= (float) Math.sqrt(norm);
      }
    }
    return e;
  }

  @Test
  void train_findsTheSignal_beatsBothBaselines_andWritesFilesThatReadBack(@TempDir Path out) throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    List<EstimatorTraining.Item> items = items(600, r);
    float[][] emb = embeddings(items, r, 2.5);
    List<EstimatorTraining.Item> tasks = items(20, r);
    float[][] taskEmb = embeddings(tasks, r, 2.5);
    EstimatorTraining.Result result = EstimatorTraining.train(items, emb, tasks, taskEmb, 128, 0.5, "synthetic", out,
        m -> {});
    assertTrue(result.heldOut().accuracy() > result.majority().accuracy() + 0.15,
        result.heldOut() + " vs " + result.majority());
    assertTrue(result.heldOut().macroF1() > result.lengthOnly().macroF1() + 0.15,
        result.heldOut() + " vs " + result.lengthOnly());
    assertTrue(result.heldOut().logLoss() < result.majority().logLoss());
    int held = 0;
    for (EstimatorTraining.Item it : items) {
      held += EstimatorTraining.fold(it.id()) == 0 ? 1 : 0;
    }
    assertEquals(held, result.heldOut().n(), "held out by item id");
    assertEquals(20, result.tasks().n());

    DifficultyHead head = DifficultyHead.read(out.resolve("difficulty-head-v1.json"));
    assertEquals(128, head.maxTokens());
    assertEquals(result.heldOut().accuracy(), head.report().path("heldOutAccuracy").asDouble(), 1e-9);
    FeaturePool pool = FeaturePool.read(out.resolve(FeaturePool.FILE_NAME), head.unsureBelow());
    assertEquals(600, pool.size());
    assertEquals(32, pool.dimensions());
    assertTrue(Files.size(out.resolve("estimator-calibration.png")) > 1000);
    assertTrue(Files.readString(out.resolve("estimator-report.md")).contains("prompt length only"));
  }

  @Test
  void readItems_badLines_areNamed(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("data.jsonl");
    Files.writeString(f, "{\"id\": \"a\", \"difficulty\": \"TRIVIAL\", \"text\": \"x\"}\n");
    TextFeatureException e = assertThrows(TextFeatureException.class, () -> EstimatorTraining.readItems(f));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    Files.writeString(f, "not json\n");
    assertThrows(TextFeatureException.class, () -> EstimatorTraining.readItems(f));
    Files.writeString(f, "{\"id\": \"a\", \"difficulty\": \"easy\", \"text\": \"x\"}\n");
    e = assertThrows(TextFeatureException.class, () -> EstimatorTraining.readItems(f));
    assertTrue(e.getMessage().contains("at least 50"), e.getMessage());
  }

  @Test
  void embed_usesTheCache(@TempDir Path dir) {
    Path cache = dir.resolve("cache.bin.gz");
    List<EstimatorTraining.Item> items = items(5, new SplittableRandom(1));
    int[] calls = new int[1];
    TextEncoder counting = new TextEncoder() {
      @Override
      public int dimensions() {
        return 384;
      }

      @Override
      public float[] embed(String text) {
        calls[0]++;
        float[] e = new float[384];
        e[text.length() % 384] = 1;
        return e;
      }

      @Override
      public void close() {}
    };
    float[][] first = EstimatorTraining.embed(items, counting, cache, m -> {});
    float[][] second = EstimatorTraining.embed(items, counting, cache, m -> {});
    assertEquals(5, calls[0], "the second pass read the cache");
    assertEquals(first[4][items.get(4).text().length() % 384], second[4][items.get(4).text().length() % 384]);
  }
}
