package dev.llmux.router.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.RouteContext.Difficulty;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Lazy opening, one open per estimator, and routing on without text features when they fail. */
class RequestEstimatorTest {

  @Test
  void encoderThatCannotLoad_routesUnknown_andIsTriedOnce() {
    AtomicInteger opens = new AtomicInteger();
    RequestEstimator e = new RequestEstimator(() -> {
      opens.incrementAndGet();
      throw new EncoderUnavailableException("ONNX Runtime does not load on this platform (test)", null);
    }, DifficultyHead.bundled());
    assertEquals(0, opens.get(), "nothing is opened before the first estimate");
    assertEquals(Difficulty.UNKNOWN, e.routedDifficulty("Add two numbers."));
    assertEquals(Difficulty.UNKNOWN, e.routedDifficulty("Add three numbers."));
    assertTrue(e.tryEstimate("x").isEmpty());
    assertEquals(1, opens.get(), "a failed open is remembered, not retried per request");
    EncoderUnavailableException thrown = assertThrows(EncoderUnavailableException.class, () -> e.estimate("x"));
    assertTrue(thrown.getMessage().contains("does not load"));
  }

  @Test
  void bundled_opensOnce_estimates_andCloses() {
    AtomicInteger opens = new AtomicInteger();
    RequestEstimator e = new RequestEstimator(() -> {
      opens.incrementAndGet();
      return OnnxTextEncoder.open(OnnxTextEncoder.Options.defaults());
    }, DifficultyHead.bundled());
    DifficultyEstimate a = e.estimate("Given two integers a and b, return their sum.");
    e.estimate("Return the length of a string.");
    assertEquals(1, opens.get());
    assertEquals(Difficulty.EASY, a.likeliest());
    e.close();
    assertThrows(IllegalStateException.class, () -> e.estimate("x"));
  }
}
