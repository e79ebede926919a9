package dev.llmux.router.text;

import dev.llmux.router.policy.RouteContext.Difficulty;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The labelled prompts the simulator attaches to its episodes, as features only: for each item its
 * true difficulty, its fold, the head's out-of-fold estimate, its length and its projected
 * embedding. The text itself never ships (its licence does not allow it); the pool is derived
 * from it by {@code llmux router estimator train}. The simulator draws, for an episode of drawn
 * difficulty D, an item labelled D, so policies trained in simulation meet the same estimate
 * errors they meet in use.
 */
public final class FeaturePool {

  /** The pool file's name (beside the head in the resources and in a training output). */
  public static final String FILE_NAME = "difficulty-pool-v1.tsv.gz";
  /** The bundled pool. */
  public static final String RESOURCE = "/dev/llmux/router/text/" + FILE_NAME;
  /** The first line's text after "# ". */
  public static final String HEADER = "llmux-difficulty-pool v1: id label fold p_easy p_medium p_hard chars projection...";

  /**
   * One pooled item.
   *
   * @param id the source item's id
   * @param label its true difficulty
   * @param fold its fold (0 is the head's held-out fold)
   * @param estimate the head's out-of-fold estimate
   * @param chars the text's length in characters
   * @param projection its projected embedding
   */
  public record Entry(String id, Difficulty label, int fold, DifficultyEstimate estimate, int chars, float[] projection) {}

  private static volatile FeaturePool bundled;

  private final List<List<Entry>> byLabel;
  private final int size;
  private final int dims;

  private FeaturePool(List<Entry> entries) {
    byLabel = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byLabel.add(new ArrayList<>());
    }
    for (Entry e : entries) {
      byLabel.get(e.label().ordinal()).add(e);
    }
    size = entries.size();
    dims = entries.isEmpty() ? 0 : entries.get(0).projection().length;
    for (List<Entry> l : byLabel) {
      if (l.isEmpty()) {
        throw new TextFeatureException("a feature pool needs items of every difficulty (EASY, MEDIUM, HARD)");
      }
    }
  }

  /** The bundled pool (read once). */
  public static FeaturePool bundled() {
    FeaturePool p = bundled;
    if (p == null) {
      synchronized (FeaturePool.class) {
        p = bundled;
        if (p == null) {
          try (InputStream in = FeaturePool.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new TextFeatureException("the feature pool " + RESOURCE + " is missing from the class path: "
                  + "rebuild llmux-router");
            }
            p = parse(in, "the bundled " + RESOURCE, DifficultyHead.bundled().unsureBelow());
          } catch (IOException e) {
            throw new TextFeatureException("cannot read the bundled feature pool: " + e.getMessage(), e);
          }
          bundled = p;
        }
      }
    }
    return p;
  }

  /** Reads a pool file written by the trainer. */
  public static FeaturePool read(Path file, double unsureBelow) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString(), unsureBelow);
    } catch (NoSuchFileException e) {
      throw new TextFeatureException("the feature pool " + file + " does not exist", e);
    } catch (IOException e) {
      throw new TextFeatureException("cannot read the feature pool " + file + ": " + e.getMessage(), e);
    }
  }

  static FeaturePool parse(InputStream raw, String where, double unsureBelow) throws IOException {
    BufferedReader r;
    String first;
    try {
      r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
      first = r.readLine();
    } catch (IOException e) {
      throw new TextFeatureException(where + " is not a gzip file: give a pool written by "
          + "`llmux router estimator train`", e);
    }
    if (first == null || !first.equals("# " + HEADER)) {
      throw new TextFeatureException(where + " is not a llmux difficulty pool of version 1: give a pool written by "
          + "`llmux router estimator train`");
    }
    List<Entry> entries = new ArrayList<>();
    String line;
    int n = 1;
    while ((line = r.readLine()) != null) {
      n++;
      String[] f = line.split("\t");
      try {
        float[] proj = new float[f.length - 7];
        for (int i = 0; i < proj.length; i++) {
          proj[i] = Float.parseFloat(f[7 + i]);
        }
        entries.add(new Entry(f[0], Difficulty.valueOf(f[1]), Integer.parseInt(f[2]),
            DifficultyEstimate.of(Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                unsureBelow), Integer.parseInt(f[6]), proj));
      } catch (RuntimeException e) {
        throw new TextFeatureException(where + " line " + n + " is not a pool entry (" + e.getMessage() + ")", e);
      }
    }
    return new FeaturePool(entries);
  }

  /** Number of items. */
  public int size() {
    return size;
  }

  /** Length of the projected embeddings. */
  public int dimensions() {
    return dims;
  }

  /** Items labelled {@code d} (EASY, MEDIUM or HARD). */
  public List<Entry> entries(Difficulty d) {
    return byLabel.get(d.ordinal());
  }

  /** An item of true difficulty {@code d}, drawn uniformly. */
  public Entry draw(Difficulty d, SplittableRandom random) {
    List<Entry> l = byLabel.get(d.ordinal());
    return l.get(random.nextInt(l.size()));
  }
}
