package dev.llmux.router.policy.contextual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.PolicyState;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.policy.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** LinUCB reads the text vector: it separates requests a tabular policy sees as one state. */
class LinUcbPolicyTest {

  static final List<String> NAMES = List.of("small", "large");
  static final StateSpace SPACE = new StateSpace(2);

  static float[] text(SplittableRandom r, int cluster) {
    float[] v = new float[32];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (0.1 * r.nextGaussian());
    }
    v[cluster] += 1;
    return v;
  }

  static Transition step(RouteDecision d, int action, double reward) {
    return new Transition(d, action, new Outcome(reward, 1, 0, true, false, null), reward, Transition.TERMINAL, 0);
  }

  @Test
  void learnsWhichBackendSuitsWhichText_withinOneTabularState() {
    LinUcbPolicy p = new LinUcbPolicy(PolicyContext.of(NAMES, RouterSettings.defaults(), 1));
    SplittableRandom r = new SplittableRandom(5);
    int state = SPACE.state(StateSpace.request(RouteContext.first(Difficulty.UNKNOWN)), 0);
    for (int i = 0; i < 2000; i++) {
      int cluster = i % 2;
      RouteContext c = RouteContext.first(Difficulty.UNKNOWN).withText(text(r, cluster));
      RouteDecision d = p.choose(c, state, 0b11);
      int a = NAMES.indexOf(d.backend());
      // Texts of cluster 0 are solved by the small model, those of cluster 1 only by the large one.
      double reward = (a == cluster ? 1 : 0) + 0.1 * r.nextGaussian();
      p.feedback(step(d, a, reward));
    }
    p.freeze();
    int right = 0;
    for (int i = 0; i < 200; i++) {
      int cluster = i % 2;
      RouteDecision d = p.choose(RouteContext.first(Difficulty.UNKNOWN).withText(text(r, cluster)), state, 0b11);
      right += NAMES.indexOf(d.backend()) == cluster ? 1 : 0;
    }
    assertTrue(right >= 190, right + " of 200 frozen choices fit the text");
    p.check();
  }

  @Test
  void feedbackInAnyOrder_findsEachDecisionsFeatures() {
    LinUcbPolicy inOrder = new LinUcbPolicy(PolicyContext.of(NAMES, RouterSettings.defaults(), 1));
    LinUcbPolicy reversed = new LinUcbPolicy(PolicyContext.of(NAMES, RouterSettings.defaults(), 1));
    SplittableRandom r = new SplittableRandom(9);
    int state = SPACE.state(StateSpace.request(RouteContext.first(Difficulty.HARD)), 0);
    List<RouteContext> contexts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      contexts.add(RouteContext.first(Difficulty.HARD).withText(text(r, i % 5)));
    }
    List<RouteDecision> a = new ArrayList<>();
    List<RouteDecision> b = new ArrayList<>();
    for (RouteContext c : contexts) {
      a.add(inOrder.choose(c, state, 0b01));
      b.add(reversed.choose(c, state, 0b01));
    }
    for (int i = 0; i < 20; i++) {
      inOrder.feedback(step(a.get(i), 0, i / 20.0));
    }
    for (int i = 19; i >= 0; i--) {
      reversed.feedback(step(b.get(i), 0, i / 20.0));
    }
    PolicyState x = inOrder.save();
    PolicyState y = reversed.save();
    double[] bx = x.numbers("b", 2 * LinUcbPolicy.DIMENSIONS);
    double[] by = y.numbers("b", 2 * LinUcbPolicy.DIMENSIONS);
    for (int i = 0; i < bx.length; i++) {
      assertEquals(bx[i], by[i], 1e-12);
    }
    assertEquals(20, inOrder.updates());
  }

  @Test
  void textOfTheWrongLength_isRefused() {
    LinUcbPolicy p = new LinUcbPolicy(PolicyContext.of(NAMES, RouterSettings.defaults(), 1));
    RouteContext c = RouteContext.first(Difficulty.EASY).withText(new float[384]);
    assertThrows(IllegalArgumentException.class, () -> p.choose(c, 0, 0b11));
  }

  @Test
  void withoutText_itStillRoutes() {
    LinUcbPolicy p = new LinUcbPolicy(PolicyContext.of(NAMES, RouterSettings.defaults(), 1));
    RouteDecision d = p.choose(RouteContext.first(Difficulty.EASY), 0, 0b10);
    assertEquals("large", d.backend());
    assertEquals(1.0, d.probability());
  }

  @Test
  void restore_ofAnotherShape_namesTheField() {
    LinUcbPolicy p = new LinUcbPolicy(PolicyContext.of(NAMES, RouterSettings.defaults(), 1));
    PolicyState wrong = PolicyState.builder().integer("dimensions", 12).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.restore(wrong));
    assertTrue(e.getMessage().contains("dimensions"), e.getMessage());
  }
}
