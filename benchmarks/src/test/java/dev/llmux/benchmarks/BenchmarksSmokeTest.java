package dev.llmux.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.llmux.engine.llama.LlamaBackend;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One call of every benchmark method on the tiny model, outside JMH: the benchmarks still run
 * against the engine and router as they are (a renamed API, a changed token count, a prompt that
 * cannot be built). Times nothing.
 */
final class BenchmarksSmokeTest {

  @BeforeAll
  static void models() {
    String dir = System.getProperty("llmux.test.models");
    if (dir != null) {
      System.setProperty(BenchModel.DIR_PROPERTY, dir);
    }
    System.setProperty(BenchModel.THREADS_PROPERTY, "2");
  }

  @Test
  void exact_tinyModel_promptOfExactlyThatManyTokens() {
    LlamaBackend backend = BenchModel.TINY_Q8_0.load(1, false);
    try {
      for (int tokens : List.of(FirstTokenBenchmark.PROMPT_TOKENS, PromptBenchmark.PROMPT_TOKENS)) {
        assertEquals(tokens, backend.countPromptTokens(BenchPrompts.exact(backend, tokens)));
      }
    } finally {
      backend.close();
    }
  }

  @Test
  void decode_bothApis_exactlyTheTokensAsked() {
    for (Api api : Api.values()) {
      DecodeBenchmark b = new DecodeBenchmark();
      b.model = BenchModel.TINY_Q8_0;
      b.api = api;
      b.load();
      try {
        assertEquals(DecodeBenchmark.TOKENS, b.decode(), api.name());
      } finally {
        b.close();
      }
    }
  }

  @Test
  void promptFirstTokenAndOverhead_bothApis_oneTokenEach() {
    for (Api api : Api.values()) {
      PromptBenchmark p = new PromptBenchmark();
      p.model = BenchModel.TINY_Q8_0;
      p.api = api;
      p.load();
      try {
        assertEquals(1, p.prompt(), api.name());
      } finally {
        p.close();
      }
      FirstTokenBenchmark f = new FirstTokenBenchmark();
      f.model = BenchModel.TINY_Q8_0;
      f.api = api;
      f.load();
      try {
        assertEquals(1, f.firstToken(), api.name());
      } finally {
        f.close();
      }
      OverheadBenchmark o = new OverheadBenchmark();
      o.model = BenchModel.TINY_Q8_0;
      o.api = api;
      o.tokens = 1;
      o.load();
      try {
        assertEquals(1, o.request(), api.name());
      } finally {
        o.close();
      }
    }
  }

  @Test
  void concurrency_twoClientsOnTwoSlots_bothAnswered() throws Exception {
    ConcurrencyBenchmark b = new ConcurrencyBenchmark();
    b.model = BenchModel.TINY_Q8_0;
    b.api = Api.LLMUX;
    b.load(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = pool.submit(b::clients2);
      Future<Integer> second = pool.submit(b::clients2);
      assertEquals(ConcurrencyBenchmark.TOKENS, first.get());
      assertEquals(ConcurrencyBenchmark.TOKENS, second.get());
    } finally {
      pool.shutdownNow();
      b.close();
    }
  }

  @Test
  void contextual_linUcbAndTabularQ_chooseAndLearnOverEightBackends() {
    for (String policy : List.of("contextual.LinUcb", "rl.TabularQ")) {
      ContextualRouterBenchmark b = new ContextualRouterBenchmark();
      b.policy = policy;
      b.setUp();
      RouterBenchmark.Cursor c = new RouterBenchmark.Cursor();
      assertNotNull(b.choose(c), policy);
      assertNotNull(b.chooseAndFeedback(c), policy);
    }
  }

  @Test
  void textEncoder_textsOfExactlyTheTokensAsked() {
    for (int tokens : List.of(32, 128)) {
      TextEncoderBenchmark b = new TextEncoderBenchmark();
      b.tokens = tokens;
      b.setUp();
      try {
        assertEquals(384, b.embed().length);
      } finally {
        b.tearDown();
      }
    }
  }

  @Test
  void router_everyPolicy_choosesAndLearns() {
    for (String policy : List.of("rl.TabularQ", "bandit.Ucb1", "bandit.Thompson", "baseline.Random",
        "baseline.Cascade", "baseline.Always(medium)")) {
      RouterBenchmark b = new RouterBenchmark();
      b.policy = policy;
      b.setUp();
      RouterBenchmark.Cursor c = new RouterBenchmark.Cursor();
      assertNotNull(b.choose(c), policy);
      b.feedback(c);
      assertNotNull(b.chooseContended(c), policy);
      b.feedbackContended(c);
    }
  }

  @Test
  void routed_instantAndTinyModel_sameAnswerLength() {
    for (String backend : List.of("INSTANT", BenchModel.TINY_Q8_0.name())) {
      RoutedRequestBenchmark b = new RoutedRequestBenchmark();
      b.backend = backend;
      b.setUp();
      try {
        assertEquals(RoutedRequestBenchmark.TOKENS, b.direct().usage().completionTokens(), backend);
        assertEquals(RoutedRequestBenchmark.TOKENS, b.routed().usage().completionTokens(), backend);
      } finally {
        b.close();
      }
    }
  }
}
