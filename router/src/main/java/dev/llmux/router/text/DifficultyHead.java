package dev.llmux.router.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The trained difficulty head: a multinomial logistic regression over a text's sentence
 * embedding and its {@link TextFacts}, with a temperature that calibrates its probabilities and a
 * threshold under which the router treats the text as {@code UNKNOWN}.
 *
 * <p>It ships as the versioned resource {@value #RESOURCE} (see {@code docs/router.md} for the data
 * it was trained on, its licences and its held-out figures); {@code llmux router estimator train}
 * writes a new one. A head records the encoder it was trained for and refuses another.
 */
public final class DifficultyHead {

  /** The file format's name. */
  public static final String FORMAT = "llmux-difficulty-head";
  /** The file format's version this code reads. */
  public static final int VERSION = 1;
  /** The bundled head, on the class path. */
  public static final String RESOURCE = "/dev/llmux/router/text/difficulty-head-v1.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  final String encoder;
  final int maxTokens;
  final double[] mean;
  final double[] scale;
  final double[][] weights;
  final double[] bias;
  final double temperature;
  final double unsureBelow;
  final long projectionSeed;
  final int projectionDims;
  final JsonNode report;

  DifficultyHead(String encoder, int maxTokens, double[] mean, double[] scale, double[][] weights, double[] bias,
      double temperature, double unsureBelow, long projectionSeed, int projectionDims, JsonNode report) {
    this.encoder = encoder;
    this.maxTokens = maxTokens;
    this.mean = mean;
    this.scale = scale;
    this.weights = weights;
    this.bias = bias;
    this.temperature = temperature;
    this.unsureBelow = unsureBelow;
    this.projectionSeed = projectionSeed;
    this.projectionDims = projectionDims;
    this.report = report;
  }

  /** The bundled head. */
  public static DifficultyHead bundled() {
    try (InputStream in = DifficultyHead.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new TextFeatureException("the difficulty head " + RESOURCE + " is missing from the class path: "
            + "rebuild llmux-router, or give a head file with --estimator");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the bundled " + RESOURCE);
    } catch (IOException e) {
      throw new TextFeatureException("cannot read the bundled difficulty head: " + e.getMessage(), e);
    }
  }

  /** Reads a head file. */
  public static DifficultyHead read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new TextFeatureException("the difficulty head " + file + " does not exist: give a file written by "
          + "`llmux router estimator train`", e);
    } catch (IOException e) {
      throw new TextFeatureException("cannot read the difficulty head " + file + ": " + e.getMessage(), e);
    }
  }

  static DifficultyHead parse(String text, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new TextFeatureException(where + " is not JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
          + "): give a file written by `llmux router estimator train`", e);
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new TextFeatureException(where + " is not a difficulty head (its \"format\" is not \"" + FORMAT
          + "\"): give a file written by `llmux router estimator train`");
    }
    if (root.path("version").asInt(-1) != VERSION) {
      throw new TextFeatureException(where + " is a difficulty head of version " + root.path("version")
          + ", this llmux reads version " + VERSION + ": retrain it with `llmux router estimator train`");
    }
    String encoder = root.path("encoder").asText();
    if (!OnnxTextEncoder.NAME.equals(encoder)) {
      throw new TextFeatureException(where + " was trained for the encoder \"" + encoder + "\", this llmux runs \""
          + OnnxTextEncoder.NAME + "\": retrain it with `llmux router estimator train`");
    }
    int d = OnnxTextEncoder.DIMENSIONS + TextFacts.NAMES.length;
    try {
      double[] mean = vector(root, "mean", d, where);
      double[] scale = vector(root, "scale", d, where);
      double[] bias = vector(root, "bias", 3, where);
      JsonNode w = root.path("weights");
      if (!w.isArray() || w.size() != 3) {
        throw new TextFeatureException(where + ": \"weights\" must hold 3 rows (EASY, MEDIUM, HARD)");
      }
      double[][] weights = new double[3][];
      for (int c = 0; c < 3; c++) {
        weights[c] = vector(w.get(c), null, d, where + " weights[" + c + "]");
      }
      double temperature = root.path("temperature").asDouble(Double.NaN);
      double unsure = root.path("unsureBelow").asDouble(Double.NaN);
      int maxTokens = root.path("maxTokens").asInt(-1);
      if (!(temperature > 0) || !(unsure >= 0 && unsure <= 1) || maxTokens < 8 || maxTokens > 512) {
        throw new TextFeatureException(where + ": \"temperature\" must be > 0, \"unsureBelow\" in [0, 1] and "
            + "\"maxTokens\" 8 to 512; retrain it with `llmux router estimator train`");
      }
      return new DifficultyHead(encoder, maxTokens, mean, scale, weights, bias, temperature, unsure,
          root.path("projection").path("seed").asLong(), root.path("projection").path("dims").asInt(32),
          root.path("report"));
    } catch (IllegalArgumentException e) {
      throw new TextFeatureException(where + ": " + e.getMessage(), e);
    }
  }

  private static double[] vector(JsonNode parent, String key, int n, String where) {
    JsonNode a = key == null ? parent : parent.path(key);
    if (a == null || !a.isArray() || a.size() != n) {
      throw new TextFeatureException(where + ": " + (key == null ? "a row" : "\"" + key + "\"") + " must hold " + n
          + " numbers; retrain it with `llmux router estimator train`");
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      if (!a.get(i).isNumber() || !Double.isFinite(a.get(i).asDouble())) {
        throw new TextFeatureException(where + ": entry " + i + " of " + (key == null ? "a row" : key)
            + " is not a finite number");
      }
      v[i] = a.get(i).asDouble();
    }
    return v;
  }

  /** The token limit the head was trained with. */
  public int maxTokens() {
    return maxTokens;
  }

  /** Probabilities under this confidence make the routed difficulty UNKNOWN. */
  public double unsureBelow() {
    return unsureBelow;
  }

  /** The held-out figures recorded at training (a JSON object; empty when none). */
  public JsonNode report() {
    return report;
  }

  /** The fixed random projection the feature pool and contextual policies use. */
  public Projection projection() {
    return new Projection(OnnxTextEncoder.DIMENSIONS, projectionDims, projectionSeed);
  }

  /** The estimate for an embedding and the text's facts. */
  public DifficultyEstimate estimate(float[] embedding, TextFacts facts) {
    double[] p = probabilities(features(embedding, facts), temperature);
    return DifficultyEstimate.of(p[0], p[1], p[2], unsureBelow);
  }

  /** The head's input: embedding then facts. */
  static double[] features(float[] embedding, TextFacts facts) {
    double[] f = facts.vector();
    double[] x = new double[embedding.length + f.length];
    for (int i = 0; i < embedding.length; i++) {
      x[i] = embedding[i];
    }
    System.arraycopy(f, 0, x, embedding.length, f.length);
    return x;
  }

  double[] probabilities(double[] x, double t) {
    return softmax(logits(weights, bias, mean, scale, x), t);
  }

  static double[] logits(double[][] w, double[] b, double[] mean, double[] scale, double[] x) {
    double[] z = new double[w.length];
    for (int c = 0; c < w.length; c++) {
      double s = b[c];
      for (int i = 0; i < x.length; i++) {
        s += w[c][i] * (x[i] - mean[i]) / scale[i];
      }
      z[c] = s;
    }
    return z;
  }

  static double[] softmax(double[] z, double t) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v / t);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int c = 0; c < z.length; c++) {
      p[c] = Math.exp(z[c] / t - max);
      sum += p[c];
    }
    for (int c = 0; c < z.length; c++) {
      p[c] /= sum;
    }
    return p;
  }

  /** Writes this head (atomically). */
  void write(Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT).put("version", VERSION).put("encoder", encoder).put("maxTokens", maxTokens);
    ArrayNode classes = root.putArray("classes");
    classes.add("EASY").add("MEDIUM").add("HARD");
    ArrayNode features = root.putArray("features");
    features.add("embedding[" + OnnxTextEncoder.DIMENSIONS + "]");
    for (String n : TextFacts.NAMES) {
      features.add(n);
    }
    put(root.putArray("mean"), mean);
    put(root.putArray("scale"), scale);
    ArrayNode w = root.putArray("weights");
    for (double[] row : weights) {
      put(w.addArray(), row);
    }
    put(root.putArray("bias"), bias);
    root.put("temperature", temperature).put("unsureBelow", unsureBelow);
    root.putObject("projection").put("seed", projectionSeed).put("dims", projectionDims);
    root.set("report", report);
    try {
      AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root)
          .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TextFeatureException("cannot write the difficulty head " + file + ": " + e.getMessage(), e);
    }
  }

  private static void put(ArrayNode a, double[] v) {
    for (double x : v) {
      a.add((float) x);
    }
  }
}
