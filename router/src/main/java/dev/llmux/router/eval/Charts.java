package dev.llmux.router.eval;

import dev.llmux.AtomicFiles;
import dev.llmux.router.policy.Registry;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
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
 * policy.
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
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
  };

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
    int i = 0;
    for (PolicyResult r : learned) {
      Color c = PALETTE[i % PALETTE.length];
      f.g.setColor(c);
      f.g.setStroke(new BasicStroke(2f));
      int px = -1;
      int py = -1;
      for (int k = 0; k < r.learningCurve().size(); k++) {
        int x = f.x((k + 0.5) * r.curveWindow());
        int y = f.y(r.learningCurve().get(k));
        if (px >= 0) {
          f.g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      f.legend(i++, c, r.policy(), false);
    }
    if (oracle != null) {
      f.g.setColor(Color.BLACK);
      f.g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
      int y = f.y(oracle.meanReward());
      f.g.drawLine(LEFT, y, WIDTH - RIGHT, y);
      f.legend(i, Color.BLACK, "oracle (evaluation)", true);
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
    Frame f = new Frame(title, axis.label, "success rate", 0, maxX * 1.05, 0, 1.0);
    int i = 0;
    for (PolicyResult r : report.results()) {
      Color c = PALETTE[i % PALETTE.length];
      int x = f.x(xOf(r, axis));
      int y = f.y(r.successRate());
      f.g.setColor(c);
      if (r.kind() == Registry.Kind.ORACLE) {
        f.g.fillRect(x - 6, y - 6, 12, 12);
      } else if (r.kind() == Registry.Kind.LEARNED) {
        f.g.fillOval(x - 6, y - 6, 12, 12);
      } else {
        f.g.setStroke(new BasicStroke(2f));
        f.g.drawOval(x - 6, y - 6, 12, 12);
      }
      f.g.setColor(Color.DARK_GRAY);
      f.g.drawString(Integer.toString(i + 1), x + 8, y - 6);
      f.legend(i, c, (i + 1) + "  " + r.policy(), false);
      i++;
    }
    return f.done();
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

    void legend(int row, Color color, String text, boolean dashed) {
      int x = WIDTH - RIGHT + 16;
      int y = TOP + 10 + row * 18;
      g.setColor(color);
      if (dashed) {
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0));
        g.drawLine(x, y - 4, x + 18, y - 4);
      } else {
        g.fillRect(x, y - 9, 18, 10);
      }
      g.setColor(Color.BLACK);
      g.drawString(text, x + 24, y);
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
