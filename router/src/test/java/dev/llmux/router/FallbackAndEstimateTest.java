package dev.llmux.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.ChatRequest;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.text.EncoderUnavailableException;
import dev.llmux.router.text.DifficultyHead;
import dev.llmux.router.text.OnnxTextEncoder;
import dev.llmux.router.text.RequestEstimator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Untrained states go to the declared fallback; unlabelled requests are routed on the text estimate. */
class FallbackAndEstimateTest {

  static final List<String> NAMES = List.of("cheap", "mid", "strong");

  @Test
  void untrainedState_goesToTheDeclaredFallback_notIndexZero() {
    PolicyRouter router = PolicyRouter.builder().backends(NAMES).policy("rl.TabularQ").fallback("strong").build();
    RouteDecision d = router.choose(RouteContext.first(Difficulty.UNKNOWN));
    assertEquals("strong", d.backend());
    assertTrue(d.reason().contains("declared fallback"), d.reason());
    assertEquals(1.0, d.probability());
  }

  @Test
  void onceTheStateIsLearned_thePolicyChooses() {
    PolicyRouter router = PolicyRouter.builder().backends(NAMES).policy("rl.TabularQ").fallback("strong").build();
    router.policy().freeze();
    RouteDecision first = router.choose(RouteContext.first(Difficulty.HARD));
    assertEquals("strong", first.backend());
    PolicyRouter learning = PolicyRouter.builder().backends(NAMES).policy("rl.TabularQ").fallback("strong").build();
    RouteDecision d = learning.choose(RouteContext.first(Difficulty.HARD));
    learning.feedback(d, new Outcome(0, 1, 0, true, false, null));
    RouteDecision next = learning.choose(RouteContext.first(Difficulty.HARD));
    assertTrue(!next.reason().contains("fallback"), "the state has experience now: " + next.reason());
  }

  @Test
  void frozenWithoutFallback_goesToTheBackendItKnowsBest() {
    PolicyRouter router = PolicyRouter.builder().backends(NAMES).policy("rl.TabularQ").build();
    for (int i = 0; i < 30; i++) {
      RouteContext c = RouteContext.first(Difficulty.EASY);
      RouteDecision d = router.choose(c);
      router.feedback(d, new Outcome(d.backend().equals("mid") ? 1 : 0, 1, 0, true, false, null));
    }
    router.policy().freeze();
    RouteDecision d = router.choose(RouteContext.first(Difficulty.UNKNOWN));
    assertEquals("mid", d.backend(), d.reason());
    assertTrue(d.reason().contains("most experienced"), d.reason());
  }

  @Test
  void fallbackThatIsNoBackend_isRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> PolicyRouter.builder().backends(NAMES).fallback("gpt").build());
  }

  @Test
  void unlabelledChat_isRoutedOnTheTextEstimate() {
    FakeBackend a = new FakeBackend("a", "ok");
    FakeBackend b = new FakeBackend("b", "ok");
    try (RequestEstimator estimator = new RequestEstimator(
        () -> OnnxTextEncoder.open(OnnxTextEncoder.Options.defaults()), DifficultyHead.bundled())) {
      RoutedBackend r = RoutedBackend.builder().backend(a).backend(b).policy("rl.TabularQ").estimator(estimator).build();
      RoutedBackend.Routed routed = r.chatRouted(ChatRequest.builder()
          .user("Given two integers a and b, return their sum.").build(), piece -> {});
      assertEquals(Difficulty.EASY, StateSpace.difficulty(StateSpace.requestOf(routed.decision().state())));
    }
  }

  @Test
  void withoutTextFeatures_routingGoesOnAsUnknown() {
    FakeBackend a = new FakeBackend("a", "ok");
    RequestEstimator broken = new RequestEstimator(() -> {
      throw new EncoderUnavailableException("ONNX Runtime does not load (test)", null);
    }, DifficultyHead.bundled());
    RoutedBackend r = RoutedBackend.builder().backend(a).policy("rl.TabularQ").estimator(broken).build();
    RoutedBackend.Routed routed = r.chatRouted(ChatRequest.builder().user("Sort a list.").build(), piece -> {});
    assertEquals(Difficulty.UNKNOWN, StateSpace.difficulty(StateSpace.requestOf(routed.decision().state())));
    assertEquals("ok", routed.response().text());
  }
}
