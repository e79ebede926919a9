package dev.llmux.router.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.Registry;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Point;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each policy is told apart in the charts, and point labels never overlap. */
final class ChartsTest {

  private static PolicyResult result(String name, Registry.Kind kind) {
    return new PolicyResult(name, kind, 1, 0.5, 1, 1, 0, 0, 1, 0, List.of(), 0, 0, List.of(), 1);
  }

  @Test
  void styles_thirteenPolicies_eachHaveTheirOwnColourAndMarkerPair() {
    List<PolicyResult> results = new ArrayList<>(List.of(result("oracle", Registry.Kind.ORACLE),
        result("rl.TabularQ", Registry.Kind.LEARNED), result("bandit.Ucb1", Registry.Kind.LEARNED)));
    for (int i = 0; i < 10; i++) {
      results.add(result("baseline.B" + i, Registry.Kind.BASELINE));
    }
    List<Charts.Style> styles = Charts.styles(results);
    assertEquals(new Charts.Style(Color.BLACK, Charts.Marker.STAR, true), styles.get(0));
    Set<Color> colours = new HashSet<>();
    Set<Charts.Marker> neighbours = new HashSet<>();
    for (Charts.Style s : styles) {
      assertTrue(colours.add(s.color()), "colour used twice: " + s);
    }
    for (int i = 1; i + 1 < styles.size(); i++) {
      assertFalse(styles.get(i).marker() == styles.get(i + 1).marker(), "neighbours share a marker at " + i);
      neighbours.add(styles.get(i).marker());
    }
    assertTrue(neighbours.size() >= 6, "markers: " + neighbours);
    assertTrue(styles.get(1).filled() && !styles.get(5).filled(), "learned filled, baselines hollow");
  }

  @Test
  void placeLabels_denseCluster_noLabelOverlapsAnotherOrCoversAPoint() {
    // seven points within 20 pixels, as oracle, bandits and fast baselines sit in a latency chart
    List<Point> points = List.of(new Point(140, 90), new Point(150, 95), new Point(145, 100), new Point(155, 88),
        new Point(160, 110), new Point(142, 120), new Point(700, 300));
    List<Dimension> sizes = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      sizes.add(new Dimension(170, 14));
    }
    Rectangle bounds = new Rectangle(81, 51, 688, 488);
    List<Rectangle> labels = Charts.placeLabels(points, sizes, bounds);
    for (int i = 0; i < labels.size(); i++) {
      assertTrue(bounds.contains(labels.get(i)), "label " + i + " outside the plot: " + labels.get(i));
      for (int j = i + 1; j < labels.size(); j++) {
        assertFalse(labels.get(i).intersects(labels.get(j)), "labels " + i + " and " + j + " overlap");
      }
      for (Point p : points) {
        assertFalse(labels.get(i).intersects(new Rectangle(p.x - 6, p.y - 6, 12, 12)), "label " + i + " covers " + p);
      }
    }
  }
}
