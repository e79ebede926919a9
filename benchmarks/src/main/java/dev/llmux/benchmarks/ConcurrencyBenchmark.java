package dev.llmux.benchmarks;

import dev.llmux.engine.llama.LlamaBackend;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Concurrent requests on one model: 1, 2 and 4 client threads, the model loaded with as many
 * parallel slots as clients, each client sending {@value #TOKENS}-token requests (short cached
 * prompt, greedy, end-of-sequence ignored).
 *
 * <p>Single-shot: in each iteration every client sends one request at the same moment, so the
 * score is the per-request latency and the report computes the aggregate tokens/s as clients x
 * {@value #TOKENS} / latency, and the gain over one client.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ConcurrencyBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConcurrencyBenchmark {

  /** Tokens produced per request. */
  public static final int TOKENS = 64;

  /** The model. */
  @Param({"QWEN2_5_0_5B_Q8_0"})
  public BenchModel model;

  /** The way the model is driven. */
  @Param({"BINDING", "LLMUX"})
  public Api api;

  private LlamaBackend backend;

  /** Loads the model with one parallel slot per client thread. */
  @Setup(Level.Trial)
  public void load(BenchmarkParams params) {
    load(params.getThreads());
  }

  /** Loads the model with {@code slots} parallel slots. */
  void load(int slots) {
    backend = model.load(slots, true);
  }

  /** Stops the model's serving thread. */
  @TearDown(Level.Trial)
  public void close() {
    backend.close();
  }

  /** One client. */
  @Benchmark
  @Threads(1)
  public int clients1() {
    return api.generate(backend, BenchPrompts.SHORT, TOKENS);
  }

  /** Two clients on two slots. */
  @Benchmark
  @Threads(2)
  public int clients2() {
    return api.generate(backend, BenchPrompts.SHORT, TOKENS);
  }

  /** Four clients on four slots. */
  @Benchmark
  @Threads(4)
  public int clients4() {
    return api.generate(backend, BenchPrompts.SHORT, TOKENS);
  }
}
