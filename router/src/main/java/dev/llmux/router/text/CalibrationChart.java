package dev.llmux.router.text;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The reliability diagram of the difficulty head on its held-out items: for ten bins of stated
 * confidence (the top class's probability), how often the top class was right, calibrated and
 * uncalibrated, against the diagonal of perfect calibration; bars below show how many items fell
 * in each bin.
 */
final class CalibrationChart {

  private CalibrationChart() {}

  static void write(Path file, double[][] calibrated, double[][] raw, int[] y, EstimatorTraining.Metrics cal,
      EstimatorTraining.Metrics uncal) throws IOException {
    int w = 720;
    int h = 560;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    int left = 80;
    int top = 50;
    int size = 360;
    int histTop = top + size + 30;
    int histH = 60;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("Difficulty head: reliability on " + y.length + " held-out items", left, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(new Color(235, 235, 235));
    for (int i = 0; i <= 10; i++) {
      int x = left + i * size / 10;
      int yy = top + size - i * size / 10;
      g.drawLine(x, top, x, top + size);
      g.drawLine(left, yy, left + size, yy);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, size, size);
    for (int i = 0; i <= 10; i += 2) {
      String t = String.format(Locale.ROOT, "%.1f", i / 10.0);
      g.drawString(t, left + i * size / 10 - 8, top + size + 16);
      g.drawString(t, left - 28, top + size - i * size / 10 + 4);
    }
    g.drawString("stated confidence (probability of the top class)", left + 40, histTop + histH + 32);
    Graphics2D gv = (Graphics2D) g.create();
    gv.rotate(-Math.PI / 2);
    gv.drawString("observed accuracy of the top class", -(top + size - 40), left - 40);
    gv.dispose();
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    g.drawLine(left, top + size, left + size, top);
    Color calColor = new Color(0, 114, 178);
    Color rawColor = new Color(213, 94, 0);
    int[] counts = curve(g, raw, y, left, top, size, rawColor);
    curve(g, calibrated, y, left, top, size, calColor);
    int max = 1;
    int[] calCounts = bins(calibrated, y)[2];
    for (int c : calCounts) {
      max = Math.max(max, c);
    }
    g.setStroke(new BasicStroke(1));
    for (int i = 0; i < 10; i++) {
      int bh = calCounts[i] * histH / max;
      g.setColor(calColor);
      g.fillRect(left + i * size / 10 + 3, histTop + histH - bh, size / 10 - 6, bh);
    }
    g.setColor(Color.BLACK);
    g.drawLine(left, histTop + histH, left + size, histTop + histH);
    g.drawString("items per bin (calibrated), max " + max, left + size + 12, histTop + histH);
    int lx = left + size + 20;
    legend(g, lx, top + 20, calColor, String.format(Locale.ROOT, "calibrated: ECE %.3f", cal.ece()));
    legend(g, lx, top + 44, rawColor, String.format(Locale.ROOT, "uncalibrated: ECE %.3f", uncal.ece()));
    g.setColor(Color.GRAY);
    g.drawString("dashed: perfect calibration", lx, top + 70);
    g.setColor(Color.BLACK);
    g.drawString(String.format(Locale.ROOT, "accuracy %.3f, macro-F1 %.3f", cal.accuracy(), cal.macroF1()), lx, top + 100);
    g.drawString(String.format(Locale.ROOT, "log loss %.3f (uncal. %.3f)", cal.logLoss(), uncal.logLoss()), lx, top + 118);
    g.dispose();
    if (counts.length == 0) {
      return;
    }
    ImageIO.write(img, "png", file.toFile());
  }

  private static void legend(Graphics2D g, int x, int y, Color c, String text) {
    g.setColor(c);
    g.setStroke(new BasicStroke(2.5f));
    g.drawLine(x, y - 4, x + 22, y - 4);
    g.fillOval(x + 7, y - 8, 8, 8);
    g.setColor(Color.BLACK);
    g.drawString(text, x + 30, y);
  }

  private static int[][] bins(double[][] p, int[] y) {
    int[] correct = new int[10];
    int[] conf = new int[10];
    int[] n = new int[10];
    double[] confSum = new double[10];
    for (int k = 0; k < y.length; k++) {
      int best = EstimatorTraining.argmax(p[k]);
      int bin = Math.min(9, (int) (p[k][best] * 10));
      n[bin]++;
      confSum[bin] += p[k][best];
      correct[bin] += best == y[k] ? 1 : 0;
    }
    for (int i = 0; i < 10; i++) {
      conf[i] = n[i] == 0 ? 0 : (int) Math.round(1000 * confSum[i] / n[i]);
    }
    return new int[][] {correct, conf, n};
  }

  private static int[] curve(Graphics2D g, double[][] p, int[] y, int left, int top, int size, Color c) {
    int[][] b = bins(p, y);
    g.setColor(c);
    g.setStroke(new BasicStroke(2.5f));
    int px = -1;
    int py = -1;
    for (int i = 0; i < 10; i++) {
      if (b[2][i] < 5) {
        continue;
      }
      double conf = b[1][i] / 1000.0;
      double acc = (double) b[0][i] / b[2][i];
      int x = left + (int) Math.round(conf * size);
      int yy = top + size - (int) Math.round(acc * size);
      if (px >= 0) {
        g.drawLine(px, py, x, yy);
      }
      g.fillOval(x - 4, yy - 4, 8, 8);
      px = x;
      py = yy;
    }
    return b[2];
  }
}
