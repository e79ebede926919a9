package dev.llmux.router.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.AtomicFiles;
import dev.llmux.router.internal.JsonLines;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Trains the difficulty head from labelled text and reports how it does on held-out items.
 *
 * <p>Input: JSON lines {@code {"id", "difficulty": EASY|MEDIUM|HARD, "text"}} (for instance from
 * {@code router/training/leetcode_to_jsonl.py}). Items are split by id into five folds (CRC32 of
 * the id); fold 0 is held out, fold 1 calibrates (L2 strength and temperature), folds 2-4 fit. The
 * same model is compared with the majority class and with a prompt-length-only model. Each item's
 * out-of-fold estimate and its projected embedding go to the feature pool the simulator draws
 * from. Output in {@code out}: {@code difficulty-head-v1.json}, {@code difficulty-pool-v1.tsv.gz},
 * {@code estimator-report.md}, {@code estimator-calibration.png}.
 */
public final class EstimatorTraining {

  /** One labelled text. */
  public record Item(String id, Difficulty label, String text) {}

  /** Figures of one model on one set of items. */
  public record Metrics(int n, double accuracy, double macroF1, double logLoss, double ece, double coverage,
      double confidentAccuracy) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  static final int FOLDS = 5;

  private EstimatorTraining() {}

  /** Reads labelled items from a JSON-lines file. */
  public static List<Item> readItems(Path file) {
    List<Item> items = new ArrayList<>();
    JsonLines.read(file, (o, n) -> {
      String id = o.path("id").asText("");
      String text = o.path("text").asText("");
      String d = o.path("difficulty").asText("").toUpperCase(Locale.ROOT);
      if (id.isEmpty() || text.isEmpty() || !(d.equals("EASY") || d.equals("MEDIUM") || d.equals("HARD"))) {
        throw new TextFeatureException(file + " line " + n + " needs \"id\", \"text\" and \"difficulty\" "
            + "(EASY, MEDIUM or HARD)");
      }
      items.add(new Item(id, Difficulty.valueOf(d), text));
    }, m -> new TextFeatureException("training data: " + m));
    if (items.size() < 50) {
      throw new TextFeatureException(file + " holds " + items.size() + " items: give at least 50 labelled texts");
    }
    return items;
  }

  /** The fold (0 to 4) of an item id: fold 0 is held out. */
  public static int fold(String id) {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % FOLDS);
  }

  /**
   * Embeds every item, reusing {@code cache} (may be null) for texts embedded before, and writes
   * the cache back.
   */
  public static float[][] embed(List<Item> items, TextEncoder encoder, Path cache, Consumer<String> progress) {
    Map<String, float[]> known = readCache(cache);
    float[][] out = new float[items.size()][];
    int fresh = 0;
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      String key = it.id() + "#" + it.text().hashCode();
      float[] e = known.get(key);
      if (e == null) {
        e = encoder.embed(it.text());
        known.put(key, e);
        fresh++;
        if (fresh % 250 == 0) {
          progress.accept("embedded " + fresh + " texts");
        }
      }
      out[i] = e;
    }
    if (cache != null && fresh > 0) {
      writeCache(cache, known);
    }
    return out;
  }

  private static Map<String, float[]> readCache(Path cache) {
    Map<String, float[]> m = new HashMap<>();
    if (cache == null || !Files.isRegularFile(cache)) {
      return m;
    }
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(cache)))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String key = in.readUTF();
        float[] e = new float[in.readInt()];
        for (int j = 0; j < e.length; j++) {
          e[j] = in.readFloat();
        }
        m.put(key, e);
      }
    } catch (IOException e) {
      throw new TextFeatureException("the embedding cache " + cache + " is unreadable (" + e.getMessage()
          + "): delete it and run again");
    }
    return m;
  }

  private static void writeCache(Path cache, Map<String, float[]> m) {
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(bytes))) {
        d.writeInt(m.size());
        for (Map.Entry<String, float[]> e : m.entrySet()) {
          d.writeUTF(e.getKey());
          d.writeInt(e.getValue().length);
          for (float f : e.getValue()) {
            d.writeFloat(f);
          }
        }
      }
      AtomicFiles.write(cache, bytes.toByteArray());
    } catch (IOException e) {
      throw new TextFeatureException("cannot write the embedding cache " + cache + ": " + e.getMessage(), e);
    }
  }

  /** A fitted softmax regression. */
  record Model(double[] mean, double[] scale, double[][] w, double[] b) {
    double[] probabilities(double[] x, double t) {
      return DifficultyHead.softmax(DifficultyHead.logits(w, b, mean, scale, x), t);
    }
  }

  /** Fits a 3-class softmax regression with L2 strength {@code lambda} by full-batch Adam. */
  static Model fit(double[][] x, int[] y, double lambda) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] row : x) {
      for (int i = 0; i < d; i++) {
        mean[i] += row[i] / n;
      }
    }
    for (double[] row : x) {
      for (int i = 0; i < d; i++) {
        scale[i] += (row[i] - mean[i]) * (row[i] - mean[i]) / n;
      }
    }
    for (int i = 0; i < d; i++) {
      scale[i] = Math.max(Math.sqrt(scale[i]), 1e-6);
    }
    double[][] z = new double[n][d];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < d; i++) {
        z[k][i] = (x[k][i] - mean[i]) / scale[i];
      }
    }
    double[][] w = new double[3][d];
    double[] b = new double[3];
    double[][] mw = new double[3][d];
    double[][] vw = new double[3][d];
    double[] mb = new double[3];
    double[] vb = new double[3];
    double lr = 0.02;
    double b1 = 0.9;
    double b2 = 0.999;
    for (int step = 1; step <= 400; step++) {
      double[][] gw = new double[3][d];
      double[] gb = new double[3];
      for (int k = 0; k < n; k++) {
        double[] logit = new double[3];
        for (int c = 0; c < 3; c++) {
          double s = b[c];
          double[] wc = w[c];
          double[] zk = z[k];
          for (int i = 0; i < d; i++) {
            s += wc[i] * zk[i];
          }
          logit[c] = s;
        }
        double[] p = DifficultyHead.softmax(logit, 1);
        for (int c = 0; c < 3; c++) {
          double g = (p[c] - (y[k] == c ? 1 : 0)) / n;
          gb[c] += g;
          double[] gwc = gw[c];
          double[] zk = z[k];
          for (int i = 0; i < d; i++) {
            gwc[i] += g * zk[i];
          }
        }
      }
      double c1 = 1 - Math.pow(b1, step);
      double c2 = 1 - Math.pow(b2, step);
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < d; i++) {
          double g = gw[c][i] + lambda * w[c][i];
          mw[c][i] = b1 * mw[c][i] + (1 - b1) * g;
          vw[c][i] = b2 * vw[c][i] + (1 - b2) * g * g;
          w[c][i] -= lr * (mw[c][i] / c1) / (Math.sqrt(vw[c][i] / c2) + 1e-8);
        }
        mb[c] = b1 * mb[c] + (1 - b1) * gb[c];
        vb[c] = b2 * vb[c] + (1 - b2) * gb[c] * gb[c];
        b[c] -= lr * (mb[c] / c1) / (Math.sqrt(vb[c] / c2) + 1e-8);
      }
    }
    // The head applies weights to (x - mean) / scale: keep w on the standardised scale.
    return new Model(mean, scale, w, b);
  }

  static double logLoss(Model m, double[][] x, int[] y, double t) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      s -= Math.log(Math.max(m.probabilities(x[k], t)[y[k]], 1e-12));
    }
    return s / x.length;
  }

  static Metrics metrics(double[][] probs, int[] y, double unsureBelow) {
    int n = y.length;
    int correct = 0;
    int confident = 0;
    int confidentCorrect = 0;
    int[] tp = new int[3];
    int[] predicted = new int[3];
    int[] actual = new int[3];
    double loss = 0;
    double[] binConf = new double[10];
    double[] binAcc = new double[10];
    int[] binN = new int[10];
    for (int k = 0; k < n; k++) {
      int best = argmax(probs[k]);
      double conf = probs[k][best];
      boolean ok = best == y[k];
      correct += ok ? 1 : 0;
      predicted[best]++;
      actual[y[k]]++;
      tp[best] += ok ? 1 : 0;
      loss -= Math.log(Math.max(probs[k][y[k]], 1e-12));
      if (conf >= unsureBelow) {
        confident++;
        confidentCorrect += ok ? 1 : 0;
      }
      int bin = Math.min(9, (int) (conf * 10));
      binConf[bin] += conf;
      binAcc[bin] += ok ? 1 : 0;
      binN[bin]++;
    }
    double f1 = 0;
    for (int c = 0; c < 3; c++) {
      double p = predicted[c] == 0 ? 0 : (double) tp[c] / predicted[c];
      double r = actual[c] == 0 ? 0 : (double) tp[c] / actual[c];
      f1 += p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
    double ece = 0;
    for (int i = 0; i < 10; i++) {
      if (binN[i] > 0) {
        ece += Math.abs(binAcc[i] - binConf[i]) / n;
      }
    }
    return new Metrics(n, (double) correct / n, f1 / 3, loss / n, ece, (double) confident / n,
        confident == 0 ? Double.NaN : (double) confidentCorrect / confident);
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }

  /** What {@link #train} produced. */
  public record Result(DifficultyHead head, Metrics heldOut, Metrics majority, Metrics lengthOnly,
      Metrics uncalibrated, Metrics tasks, String report, List<Path> files) {}

  /**
   * Trains, evaluates and writes the head, the pool, the report and the calibration figure into
   * {@code out}.
   *
   * @param tasks labelled bundled tasks as a second held-out check (may be empty)
   */
  public static Result train(List<Item> items, float[][] embeddings, List<Item> tasks, float[][] taskEmbeddings,
      int maxTokens, double unsureBelow, String source, Path out, Consumer<String> progress) {
    int n = items.size();
    double[][] x = new double[n][];
    double[][] len = new double[n][];
    int[] y = new int[n];
    int[] fold = new int[n];
    for (int k = 0; k < n; k++) {
      Item it = items.get(k);
      TextFacts facts = TextFacts.of(it.text());
      x[k] = DifficultyHead.features(embeddings[k], facts);
      len[k] = new double[] {Math.log1p(it.text().length())};
      y[k] = it.label().ordinal();
      fold[k] = fold(it.id());
    }
    Split fit = select(x, len, y, fold, f -> f >= 2);
    Split calib = select(x, len, y, fold, f -> f == 1);
    Split held = select(x, len, y, fold, f -> f == 0);
    Split train = select(x, len, y, fold, f -> f >= 1);

    double bestLambda = 0;
    double bestLoss = Double.POSITIVE_INFINITY;
    Model model = null;
    for (double lambda : new double[] {0.01, 0.03, 0.1, 0.3, 1.0}) {
      Model m = fit(fit.x, fit.y, lambda);
      double loss = logLoss(m, calib.x, calib.y, 1);
      progress.accept(String.format(Locale.ROOT, "L2 %.3f: calibration log loss %.4f", lambda, loss));
      if (loss < bestLoss) {
        bestLoss = loss;
        bestLambda = lambda;
        model = m;
      }
    }
    double temperature = 1;
    double tLoss = Double.POSITIVE_INFINITY;
    for (double t = 0.5; t <= 3.0001; t += 0.02) {
      double loss = logLoss(model, calib.x, calib.y, t);
      if (loss < tLoss) {
        tLoss = loss;
        temperature = t;
      }
    }
    progress.accept(String.format(Locale.ROOT, "L2 %.3f, temperature %.2f", bestLambda, temperature));

    double[][] heldProbs = probs(model, held.x, temperature);
    double[][] rawProbs = probs(model, held.x, 1);
    Metrics heldOut = metrics(heldProbs, held.y, unsureBelow);
    Metrics uncalibrated = metrics(rawProbs, held.y, unsureBelow);
    Model lenModel = fit(train.len, train.y, 0.001);
    Metrics lengthOnly = metrics(probs(lenModel, held.len, 1), held.y, unsureBelow);
    int[] counts = new int[3];
    for (int c : train.y) {
      counts[c]++;
    }
    double[] prior = {counts[0] / (double) train.y.length, counts[1] / (double) train.y.length,
        counts[2] / (double) train.y.length};
    int major = argmax(prior);
    double[][] majorityProbs = new double[held.y.length][];
    for (int k = 0; k < majorityProbs.length; k++) {
      majorityProbs[k] = new double[3];
      majorityProbs[k][major] = 1;
    }
    Metrics majority = metrics(majorityProbs, held.y, 1.01);
    Metrics majorityLoss = metrics(fill(prior, held.y.length), held.y, 1.01);
    majority = new Metrics(majority.n(), majority.accuracy(), majority.macroF1(), majorityLoss.logLoss(),
        majorityLoss.ece(), 0, Double.NaN);

    Metrics taskMetrics = null;
    if (!tasks.isEmpty()) {
      double[][] tp = new double[tasks.size()][];
      int[] ty = new int[tasks.size()];
      for (int k = 0; k < tasks.size(); k++) {
        tp[k] = model.probabilities(DifficultyHead.features(taskEmbeddings[k], TextFacts.of(tasks.get(k).text())),
            temperature);
        ty[k] = tasks.get(k).label().ordinal();
      }
      taskMetrics = metrics(tp, ty, unsureBelow);
    }

    ObjectNode report = JSON.createObjectNode();
    report.put("source", source).put("items", n).put("heldOutItems", held.y.length)
        .put("l2", bestLambda).put("heldOutAccuracy", heldOut.accuracy()).put("heldOutMacroF1", heldOut.macroF1())
        .put("majorityAccuracy", majority.accuracy()).put("lengthOnlyAccuracy", lengthOnly.accuracy())
        .put("lengthOnlyMacroF1", lengthOnly.macroF1()).put("heldOutEce", heldOut.ece());
    long seed = 0x6c6c6d7578L;
    int dims = 32;
    DifficultyHead head = new DifficultyHead(OnnxTextEncoder.NAME, maxTokens, model.mean(), model.scale(), model.w(),
        model.b(), temperature, unsureBelow, seed, dims, report);

    List<Path> files = new ArrayList<>();
    try {
      Files.createDirectories(out);
      Path headFile = out.resolve("difficulty-head-v1.json");
      head.write(headFile);
      files.add(headFile);
      Path pool = out.resolve(FeaturePool.FILE_NAME);
      writePool(pool, items, embeddings, x, y, fold, bestLambda, temperature, head.projection(), progress);
      files.add(pool);
      Path png = out.resolve("estimator-calibration.png");
      CalibrationChart.write(png, heldProbs, rawProbs, held.y, heldOut, uncalibrated);
      files.add(png);
      String md = reportText(source, n, held.y.length, bestLambda, temperature, unsureBelow, heldOut, uncalibrated,
          majority, lengthOnly, taskMetrics, tasks.size());
      Path mdFile = out.resolve("estimator-report.md");
      AtomicFiles.writeString(mdFile, md);
      files.add(mdFile);
      return new Result(head, heldOut, majority, lengthOnly, uncalibrated, taskMetrics, md, files);
    } catch (IOException e) {
      throw new TextFeatureException("cannot write into " + out + ": " + e.getMessage(), e);
    }
  }

  private static double[][] fill(double[] p, int n) {
    double[][] a = new double[n][];
    for (int k = 0; k < n; k++) {
      a[k] = p.clone();
    }
    return a;
  }

  private static double[][] probs(Model m, double[][] x, double t) {
    double[][] p = new double[x.length][];
    for (int k = 0; k < x.length; k++) {
      p[k] = m.probabilities(x[k], t);
    }
    return p;
  }

  private record Split(double[][] x, double[][] len, int[] y) {}

  private static Split select(double[][] x, double[][] len, int[] y, int[] fold, java.util.function.IntPredicate keep) {
    List<Integer> idx = new ArrayList<>();
    for (int k = 0; k < y.length; k++) {
      if (keep.test(fold[k])) {
        idx.add(k);
      }
    }
    double[][] sx = new double[idx.size()][];
    double[][] sl = new double[idx.size()][];
    int[] sy = new int[idx.size()];
    for (int i = 0; i < idx.size(); i++) {
      sx[i] = x[idx.get(i)];
      sl[i] = len[idx.get(i)];
      sy[i] = y[idx.get(i)];
    }
    return new Split(sx, sl, sy);
  }

  /** Out-of-fold estimates (each fold scored by a model fitted on the other four) and projections. */
  private static void writePool(Path file, List<Item> items, float[][] embeddings, double[][] x, int[] y, int[] fold,
      double lambda, double temperature, Projection projection, Consumer<String> progress) throws IOException {
    double[][] oof = new double[y.length][];
    for (int f = 0; f < FOLDS; f++) {
      final int held = f;
      Split rest = select(x, x, y, fold, g -> g != held);
      Model m = fit(rest.x, rest.y, lambda);
      for (int k = 0; k < y.length; k++) {
        if (fold[k] == f) {
          oof[k] = m.probabilities(x[k], temperature);
        }
      }
      progress.accept("pool: fold " + f + " scored");
    }
    StringBuilder s = new StringBuilder();
    s.append("# ").append(FeaturePool.HEADER).append('\n');
    float[] proj = new float[projection.dimensions()];
    for (int k = 0; k < y.length; k++) {
      projection.project(embeddings[k], proj);
      s.append(items.get(k).id()).append('\t').append(items.get(k).label()).append('\t').append(fold[k]);
      for (double p : oof[k]) {
        s.append('\t').append(String.format(Locale.ROOT, "%.4f", p));
      }
      s.append('\t').append(items.get(k).text().length());
      for (float v : proj) {
        s.append('\t').append(String.format(Locale.ROOT, "%.4f", v));
      }
      s.append('\n');
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(s.toString().getBytes(StandardCharsets.UTF_8));
    }
    AtomicFiles.write(file, bytes.toByteArray());
  }

  private static String reportText(String source, int n, int held, double lambda, double t, double unsure, Metrics m,
      Metrics raw, Metrics majority, Metrics length, Metrics tasks, int taskCount) {
    StringBuilder s = new StringBuilder();
    s.append("# Difficulty head: held-out report\n\n");
    s.append(String.format(Locale.ROOT, "Data: %s, %d items, %d held out (fold 0 of 5 by CRC32 of the item id). "
        + "L2 %.3f, temperature %.2f (fitted on fold 1), unsure below %.2f.%n%n", source, n, held, lambda, t, unsure));
    s.append("| model | accuracy | macro-F1 | log loss | ECE | coverage at threshold | accuracy when sure |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|\n");
    row(s, "majority class", majority);
    row(s, "prompt length only", length);
    row(s, "head, uncalibrated (T = 1)", raw);
    row(s, "head, calibrated", m);
    if (tasks != null) {
      row(s, "head on the " + taskCount + " bundled tasks", tasks);
    }
    return s.toString();
  }

  private static void row(StringBuilder s, String name, Metrics m) {
    s.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.2f | %s |%n", name, m.accuracy(),
        m.macroF1(), m.logLoss(), m.ece(), m.coverage(),
        Double.isNaN(m.confidentAccuracy()) ? "-" : String.format(Locale.ROOT, "%.3f", m.confidentAccuracy())));
  }

  /** Reads the bundled tasks' specs and difficulty labels from a tasks directory. */
  public static List<Item> readTasks(Path dir) {
    List<Item> tasks = new ArrayList<>();
    try (var stream = Files.list(dir)) {
      for (Path t : stream.sorted().toList()) {
        Path json = t.resolve("task.json");
        Path spec = t.resolve("spec.md");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(spec)) {
          continue;
        }
        String d = JSON.readTree(json.toFile()).path("difficulty").asText("").toUpperCase(Locale.ROOT);
        if (d.equals("EASY") || d.equals("MEDIUM") || d.equals("HARD")) {
          tasks.add(new Item("task-" + t.getFileName(), Difficulty.valueOf(d), Files.readString(spec)));
        }
      }
    } catch (IOException e) {
      throw new TextFeatureException("cannot read the tasks in " + dir + ": " + e.getMessage(), e);
    }
    return tasks;
  }
}
