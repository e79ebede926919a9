package dev.llmux.router.eval;

import dev.llmux.AtomicFiles;
import dev.llmux.router.policy.Registry;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws an {@link EvaluationReport} as PNG charts with {@code java.awt} (headless): the learning
 * curves of the learned policies, and success against cost and against latency with one point per
 * policy. Each policy keeps one colour and one marker in every chart (the oracle a black star;
 * learned policies filled, baselines hollow), every point is labelled with its policy's name,
 * placed so that no labels overlap, and a legend lists them all.
 */
public final class Charts {

  /** What the x axis of a trade-off chart shows. */
  public enum Axis {
    /** Mean cost per episode. */
    COST("mean cost per episode ($)", "cost-vs-success.png"),
    /** Mean latency per episode. */
    LATENCY("mean latency per episode (s)", "latency-vs-success.png");

    private final String label;
    private final String file;

    Axis(String label, String file) {
      this.label = label;
      this.file = file;
    }
  }

  private static final int WIDTH = 1100;
  private static final int HEIGHT = 600;
  private static final int LEFT = 80;
  private static final int RIGHT = 330;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  /** Colours told apart easily, one per policy (the oracle is always black). */
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f),
    new Color(0x1a237e), new Color(0x800000), new Color(0x00897b), new Color(0xc9a800)
  };

  /** The shapes points are drawn with. */
  enum Marker { CIRCLE, SQUARE, TRIANGLE_UP, DIAMOND, TRIANGLE_DOWN, CROSS, PLUS, HEXAGON, STAR }

  private static final Marker[] MARKERS = {
    Marker.CIRCLE, Marker.SQUARE, Marker.TRIANGLE_UP, Marker.DIAMOND, Marker.TRIANGLE_DOWN, Marker.HEXAGON,
    Marker.CROSS, Marker.PLUS
  };

  /** How one policy is drawn in every chart: its colour, its marker, filled (learned) or hollow. */
  record Style(Color color, Marker marker, boolean filled) {}

  /**
   * The style of each policy of {@code results}, in order: the oracle a black star, the others a
   * colour and a marker of their own (colours repeat only past {@value #PALETTE_SIZE} policies,
   * and then with another marker); learned policies filled, baselines hollow.
   */
  static List<Style> styles(List<PolicyResult> results) {
    List<Style> styles = new ArrayList<>();
    int i = 0;
    for (PolicyResult r : results) {
      if (r.kind() == Registry.Kind.ORACLE) {
        styles.add(new Style(Color.BLACK, Marker.STAR, true));
        continue;
      }
      styles.add(new Style(PALETTE[i % PALETTE.length], MARKERS[(i + i / PALETTE.length) % MARKERS.length],
          r.kind() == Registry.Kind.LEARNED));
      i++;
    }
    return styles;
  }

  private static final int PALETTE_SIZE = 14;

  private Charts() {}

  /**
   * Writes {@code learning-curve.png}, {@code cost-vs-success.png} and {@code
   * latency-vs-success.png} into {@code dir}.
   *
   * @return the files written
   * @throws UncheckedIOException when the directory cannot be written
   */
  public static List<Path> write(EvaluationReport report, Path dir) {
    List<Path> files = new ArrayList<>();
    files.add(write(learningCurve(report), dir.resolve("learning-curve.png")));
    for (Axis axis : Axis.values()) {
      files.add(write(tradeoff(report, axis), dir.resolve(axis.file)));
    }
    return files;
  }

  private static Path write(BufferedImage image, Path file) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(image, "png", bytes);
      AtomicFiles.write(file, bytes.toByteArray());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + file + ": " + e.getMessage(), e);
    }
  }

  /** Mean training reward per window for each learned policy, with the oracle's evaluation reward as a line. */
  public static BufferedImage learningCurve(EvaluationReport report) {
    List<PolicyResult> learned = report.results().stream().filter(r -> !r.learningCurve().isEmpty()).toList();
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    double maxX = 1;
    for (PolicyResult r : learned) {
      for (double v : r.learningCurve()) {
        minY = Math.min(minY, v);
        maxY = Math.max(maxY, v);
      }
      maxX = Math.max(maxX, r.learningCurve().size() * (double) r.curveWindow());
    }
    PolicyResult oracle = report.results().stream().filter(r -> r.kind() == Registry.Kind.ORACLE).findFirst().orElse(null);
    if (oracle != null) {
      minY = Math.min(minY, oracle.meanReward());
      maxY = Math.max(maxY, oracle.meanReward());
    }
    if (!Double.isFinite(minY)) {
      minY = 0;
      maxY = 1;
    }
    Frame f = new Frame("Learning curves: " + report.scenario(), "training episode", "mean episode reward",
        0, maxX, pad(minY, maxY, true), pad(minY, maxY, false));
    List<Style> styles = styles(report.results());
    int row = 0;
    for (PolicyResult r : learned) {
      Style st = styles.get(report.results().indexOf(r));
      f.g.setColor(st.color());
      f.g.setStroke(new BasicStroke(2f));
      int px = -1;
      int py = -1;
      int every = Math.max(1, r.learningCurve().size() / 12);
      // markers of different curves at different x, so they do not hide each other
      int phase = every * (row + 1) / (learned.size() + 1);
      List<int[]> marks = new ArrayList<>();
      for (int k = 0; k < r.learningCurve().size(); k++) {
        int x = f.x((k + 0.5) * r.curveWindow());
        int y = f.y(r.learningCurve().get(k));
        if (px >= 0) {
          f.g.drawLine(px, py, x, y);
        }
        if (k % every == phase) {
          marks.add(new int[] {x, y});
        }
        px = x;
        py = y;
      }
      for (int[] m : marks) {
        drawMarker(f.g, st, m[0], m[1]);
      }
      f.legend(row++, st, r.policy(), true);
    }
    int i = row;
    if (oracle != null) {
      f.g.setColor(Color.BLACK);
      f.g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
      int y = f.y(oracle.meanReward());
      f.g.drawLine(LEFT, y, WIDTH - RIGHT, y);
      f.legendDashed(i, Color.BLACK, "oracle (evaluation reward)");
    }
    return f.done();
  }

  /** Success rate against mean cost or latency, one point per policy. */
  public static BufferedImage tradeoff(EvaluationReport report, Axis axis) {
    double maxX = 0;
    for (PolicyResult r : report.results()) {
      maxX = Math.max(maxX, xOf(r, axis));
    }
    if (maxX <= 0) {
      maxX = 1;
    }
    String title = "Success against " + (axis == Axis.COST ? "cost" : "latency") + ": " + report.scenario();
    // a little room left of zero so points at no cost are not cut by the frame
    Frame f = new Frame(title, axis.label, "success rate", -maxX * 0.03, maxX * 1.05, 0, 1.02);
    List<Style> styles = styles(report.results());
    List<PolicyResult> results = report.results();
    List<Point> points = new ArrayList<>();
    for (PolicyResult r : results) {
      points.add(new Point(f.x(xOf(r, axis)), f.y(r.successRate())));
    }
    f.g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = f.g.getFontMetrics();
    List<Dimension> sizes = new ArrayList<>();
    for (PolicyResult r : results) {
      sizes.add(new Dimension(fm.stringWidth(r.policy()), fm.getAscent() + fm.getDescent()));
    }
    Rectangle plot = new Rectangle(LEFT + 1, TOP + 1, WIDTH - LEFT - RIGHT - 2, HEIGHT - TOP - BOTTOM - 2);
    List<Rectangle> labels = placeLabels(points, sizes, plot);
    for (int i = 0; i < results.size(); i++) {
      Rectangle l = labels.get(i);
      Point p = points.get(i);
      Point near = new Point(Math.max(l.x, Math.min(p.x, l.x + l.width)), Math.max(l.y, Math.min(p.y, l.y + l.height)));
      if (near.distance(p) > MARKER_RADIUS + 6) {
        f.g.setColor(new Color(0x999999));
        f.g.setStroke(new BasicStroke(1f));
        f.g.drawLine(p.x, p.y, near.x, near.y);
      }
    }
    for (int i = 0; i < results.size(); i++) {
      drawMarker(f.g, styles.get(i), points.get(i).x, points.get(i).y);
    }
    for (int i = 0; i < results.size(); i++) {
      Rectangle l = labels.get(i);
      f.g.setColor(Color.DARK_GRAY);
      f.g.drawString(results.get(i).policy(), l.x, l.y + fm.getAscent());
    }
    f.g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i < results.size(); i++) {
      f.legend(i, styles.get(i), results.get(i).policy(), false);
    }
    f.note(results.size() + 1, "filled: learned; hollow: baseline; star: oracle");
    return f.done();
  }

  /** The radius of a drawn marker in pixels. */
  static final int MARKER_RADIUS = 6;

  /**
   * Places one label per point inside {@code bounds} so that no two labels overlap and no label
   * covers a point: next to its point where there is room, else further out (the chart then
   * draws a leader line). Greedy, points from top to bottom.
   */
  static List<Rectangle> placeLabels(List<Point> points, List<Dimension> sizes, Rectangle bounds) {
    List<Rectangle> markers = new ArrayList<>();
    for (Point p : points) {
      markers.add(new Rectangle(p.x - MARKER_RADIUS - 2, p.y - MARKER_RADIUS - 2, 2 * MARKER_RADIUS + 4,
          2 * MARKER_RADIUS + 4));
    }
    Integer[] order = new Integer[points.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt((Integer i) -> points.get(i).y)
        .thenComparingInt(i -> points.get(i).x));
    Rectangle[] placed = new Rectangle[points.size()];
    List<Rectangle> taken = new ArrayList<>();
    int[][] directions = {{1, 0}, {1, -1}, {1, 1}, {-1, 0}, {-1, -1}, {-1, 1}, {0, -1}, {0, 1}};
    for (int i : order) {
      Point p = points.get(i);
      Dimension d = sizes.get(i);
      Rectangle found = null;
      for (int r = MARKER_RADIUS + 3; r <= 400 && found == null; r += r < 40 ? 6 : 15) {
        for (int[] dir : directions) {
          int x = dir[0] > 0 ? p.x + r : dir[0] < 0 ? p.x - r - d.width : p.x - d.width / 2;
          int y = dir[1] > 0 ? p.y + r : dir[1] < 0 ? p.y - r - d.height : p.y - d.height / 2;
          Rectangle c = new Rectangle(x, y, d.width, d.height);
          if (bounds.contains(c) && free(c, taken) && free(c, markers)) {
            found = c;
            break;
          }
        }
      }
      if (found == null) {
        found = new Rectangle(p.x + MARKER_RADIUS + 3, p.y - d.height / 2, d.width, d.height);
      }
      placed[i] = found;
      taken.add(new Rectangle(found.x - 2, found.y - 1, found.width + 4, found.height + 2));
    }
    return List.of(placed);
  }

  private static boolean free(Rectangle r, List<Rectangle> others) {
    for (Rectangle o : others) {
      if (o.intersects(r)) {
        return false;
      }
    }
    return true;
  }

  /** Draws {@code style}'s marker centred on (x, y). */
  static void drawMarker(Graphics2D g, Style style, int x, int y) {
    int r = MARKER_RADIUS;
    Shape shape = switch (style.marker()) {
      case CIRCLE -> new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
      case SQUARE -> new Rectangle2D.Double(x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2);
      case TRIANGLE_UP -> polygon(x, y, r + 1, 3, -Math.PI / 2);
      case TRIANGLE_DOWN -> polygon(x, y, r + 1, 3, Math.PI / 2);
      case DIAMOND -> polygon(x, y, r + 1, 4, 0);
      case HEXAGON -> polygon(x, y, r, 6, 0);
      case STAR -> star(x, y, r + 3);
      case CROSS, PLUS -> null;
    };
    g.setColor(style.color());
    if (shape == null) {
      g.setStroke(new BasicStroke(3f));
      if (style.marker() == Marker.PLUS) {
        g.drawLine(x - r, y, x + r, y);
        g.drawLine(x, y - r, x, y + r);
      } else {
        g.drawLine(x - r + 1, y - r + 1, x + r - 1, y + r - 1);
        g.drawLine(x - r + 1, y + r - 1, x + r - 1, y - r + 1);
      }
      return;
    }
    if (style.filled()) {
      g.fill(shape);
    } else {
      g.setColor(Color.WHITE);
      g.fill(shape);
      g.setColor(style.color());
      g.setStroke(new BasicStroke(2f));
      g.draw(shape);
    }
  }

  private static Shape polygon(int x, int y, double r, int corners, double start) {
    Path2D.Double p = new Path2D.Double();
    for (int k = 0; k < corners; k++) {
      double a = start + 2 * Math.PI * k / corners;
      if (k == 0) {
        p.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
      } else {
        p.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
      }
    }
    p.closePath();
    return p;
  }

  private static Shape star(int x, int y, double r) {
    Path2D.Double p = new Path2D.Double();
    for (int k = 0; k < 10; k++) {
      double a = -Math.PI / 2 + Math.PI * k / 5;
      double rr = k % 2 == 0 ? r : r * 0.45;
      if (k == 0) {
        p.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
      } else {
        p.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
      }
    }
    p.closePath();
    return p;
  }

  private static double xOf(PolicyResult r, Axis axis) {
    return axis == Axis.COST ? r.meanCost() : r.meanLatencySeconds();
  }

  private static double pad(double min, double max, boolean low) {
    double span = Math.max(max - min, 1e-6);
    return low ? min - 0.05 * span : max + 0.05 * span;
  }

  /** Axes, ticks, labels and a legend column on a white image. */
  private static final class Frame {
    final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    final Graphics2D g = image.createGraphics();
    final double x0;
    final double x1;
    final double y0;
    final double y1;

    Frame(String title, String xLabel, String yLabel, double x0, double x1, double y0, double y1) {
      this.x0 = x0;
      this.x1 = x1;
      this.y0 = y0;
      this.y1 = y1;
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.setColor(Color.BLACK);
      g.drawString(title, LEFT, 30);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      Stroke thin = new BasicStroke(1f);
      g.setStroke(thin);
      double stepX = niceStep(x1 - x0);
      for (double vx = Math.ceil(x0 / stepX) * stepX; vx <= x1 + 1e-9; vx += stepX) {
        int px = x(vx);
        g.setColor(new Color(0xeeeeee));
        g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
        g.setColor(Color.BLACK);
        String tx = tick(vx, stepX);
        g.drawString(tx, px - fm.stringWidth(tx) / 2, HEIGHT - BOTTOM + 18);
      }
      double stepY = niceStep(y1 - y0);
      for (double vy = Math.ceil(y0 / stepY) * stepY; vy <= y1 + 1e-9; vy += stepY) {
        int py = y(vy);
        g.setColor(new Color(0xeeeeee));
        g.drawLine(LEFT, py, WIDTH - RIGHT, py);
        g.setColor(Color.BLACK);
        String ty = tick(vy, stepY);
        g.drawString(ty, LEFT - 8 - fm.stringWidth(ty), py + 4);
      }
      g.setColor(Color.BLACK);
      g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
      g.drawString(xLabel, LEFT + (WIDTH - LEFT - RIGHT - fm.stringWidth(xLabel)) / 2, HEIGHT - 18);
      Graphics2D rotated = (Graphics2D) g.create();
      rotated.rotate(-Math.PI / 2);
      rotated.drawString(yLabel, -(TOP + (HEIGHT - TOP - BOTTOM + fm.stringWidth(yLabel)) / 2), 20);
      rotated.dispose();
    }

    int x(double v) {
      return LEFT + (int) Math.round((v - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT));
    }

    int y(double v) {
      return HEIGHT - BOTTOM - (int) Math.round((v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM));
    }

    /** A legend row: the policy's marker (on a short line for curves) and its name. */
    void legend(int row, Style style, String text, boolean line) {
      int x = WIDTH - RIGHT + 16;
      int y = TOP + 10 + row * 20;
      if (line) {
        g.setColor(style.color());
        g.setStroke(new BasicStroke(2f));
        g.drawLine(x - 2, y - 4, x + 20, y - 4);
      }
      drawMarker(g, style, x + 9, y - 4);
      g.setColor(Color.BLACK);
      g.drawString(text, x + 28, y);
    }

    /** A legend row with a dashed line. */
    void legendDashed(int row, Color color, String text) {
      int x = WIDTH - RIGHT + 16;
      int y = TOP + 10 + row * 20;
      g.setColor(color);
      g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0));
      g.drawLine(x - 2, y - 4, x + 20, y - 4);
      g.setColor(Color.BLACK);
      g.drawString(text, x + 28, y);
    }

    /** A line of grey text in the legend column. */
    void note(int row, String text) {
      g.setColor(Color.GRAY);
      g.drawString(text, WIDTH - RIGHT + 16, TOP + 10 + row * 20);
    }

    BufferedImage done() {
      g.dispose();
      return image;
    }

    /** A step of 1, 2 or 5 times a power of ten giving about five ticks over {@code span}. */
    private static double niceStep(double span) {
      double raw = Math.max(span, 1e-12) / 5;
      double power = Math.pow(10, Math.floor(Math.log10(raw)));
      double m = raw / power;
      return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
    }

    private static String tick(double v, double step) {
      int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step)));
      return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step / 1e6 ? 0.0 : v);
    }
  }
}
