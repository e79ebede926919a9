package dev.llmux.benchmarks;

import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A primary and a summarizer loaded side by side in one JVM on one CPU, both answering at once:
 * decode tokens/s of each alone, then together, for each split of threads given. Each
 * configuration loads both models afresh (llama.cpp's OpenMP teams are per loaded model), runs a
 * warm-up request on each, then {@code --rounds} rounds in which each model answers one request of
 * {@code --tokens} tokens while the other does the same.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.llmux.benchmarks.TwoModels
 * [--primary FILE] [--summarizer FILE] [--splits 2+2,1+1] [--tokens 64] [--rounds 3]}.
 */
public final class TwoModels {

  private TwoModels() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    Path primary = null;
    Path summarizer = null;
    List<String> splits = List.of("2+2", "1+1");
    int tokensArg = 64;
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--primary" -> primary = Path.of(args[++i]);
        case "--summarizer" -> summarizer = Path.of(args[++i]);
        case "--splits" -> splits = List.of(args[++i].split(","));
        case "--tokens" -> tokensArg = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    final int tokens = tokensArg;
    if (primary == null) {
      primary = BenchModel.TINYLLAMA_1_1B_Q4_0.path();
    }
    if (summarizer == null) {
      summarizer = BenchModel.QWEN2_5_0_5B_Q8_0.path();
    }
    System.out.printf(Locale.ROOT, "primary %s, summarizer %s, %d tokens per answer, %d rounds, %d processors%n%n",
        primary.getFileName(), summarizer.getFileName(), tokens, rounds, Runtime.getRuntime().availableProcessors());
    System.out.println("| threads primary+summarizer | mode | primary tokens/s | summarizer tokens/s | aggregate |");
    System.out.println("|---|---|---:|---:|---:|");
    for (String split : splits) {
      String[] parts = split.split("\\+");
      int tp = Integer.parseInt(parts[0]);
      int ts = Integer.parseInt(parts[1]);
      LlamaBackend p = LlamaBackend.load(LocalModelSpec.builder("primary", primary).threads(tp).contextSize(2048).build());
      LlamaBackend s = LlamaBackend.load(LocalModelSpec.builder("summarizer", summarizer).threads(ts).contextSize(2048)
          .build());
      try {
        double pa = mean(rounds, () -> rate(p, tokens));
        double sa = mean(rounds, () -> rate(s, tokens));
        row(split, "each alone", pa, sa, Double.NaN);
        double[] both = new double[2];
        for (int r = 0; r < rounds; r++) {
          double[] t = together(p, s, tokens);
          both[0] += t[0] / rounds;
          both[1] += t[1] / rounds;
        }
        row(split, "together", both[0], both[1], both[0] + both[1]);
      } finally {
        p.close();
        s.close();
      }
    }
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  private static void row(String split, String mode, double p, double s, double agg) {
    System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s |%n", split, mode, p, s,
        Double.isNaN(agg) ? "" : String.format(Locale.ROOT, "%.1f", agg));
    System.out.flush();
  }

  private interface Rate {
    double get() throws Exception;
  }

  private static double mean(int rounds, Rate r) throws Exception {
    r.get(); // warm-up
    double sum = 0;
    for (int i = 0; i < rounds; i++) {
      sum += r.get();
    }
    return sum / rounds;
  }

  private static double rate(LlamaBackend b, int tokens) {
    long t0 = System.nanoTime();
    int n = Api.LLMUX.generate(b, BenchPrompts.SHORT, tokens);
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  /** Both answer at once; each one's tokens/s over its own request. */
  private static double[] together(LlamaBackend p, LlamaBackend s, int tokens) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Double>> fs = new ArrayList<>();
      for (LlamaBackend b : List.of(p, s)) {
        fs.add(pool.submit(() -> {
          go.await();
          return rate(b, tokens);
        }));
      }
      go.countDown();
      return new double[] {fs.get(0).get(10, TimeUnit.MINUTES), fs.get(1).get(10, TimeUnit.MINUTES)};
    } finally {
      pool.shutdownNow();
    }
  }
}
