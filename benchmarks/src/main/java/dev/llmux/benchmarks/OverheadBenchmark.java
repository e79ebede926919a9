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

/**
 * Per-token and per-request cost on the tiny model, where compute is negligible: requests of 1 and
 * of {@value #LONG} tokens (short cached prompt, greedy, end-of-sequence ignored), through the raw
 * binding and through llmux's Backend API.
 *
 * <p>The report fits time = request + tokens x token: the cost per token is the slope between the
 * two lengths, the cost per request the 1-token time less one token; it compares the per-token cost
 * with llama-bench's tg128 on the same file when llama-bench is on the PATH.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OverheadBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OverheadBenchmark {

  /** The long request's tokens. */
  public static final int LONG = 128;

  /** The model. */
  @Param({"TINY_Q8_0"})
  public BenchModel model;

  /** The way the model is driven. */
  @Param({"BINDING", "LLMUX"})
  public Api api;

  /** Tokens per request: 1 and {@value #LONG}. */
  @Param({"1", "128"})
  public int tokens;

  private LlamaBackend backend;

  /** Loads the model with one slot and the prompt cache on. */
  @Setup(Level.Trial)
  public void load() {
    backend = model.load(1, true);
  }

  /** Stops the model's serving thread. */
  @TearDown(Level.Trial)
  public void close() {
    backend.close();
  }

  /** One request; returns the tokens produced. */
  @Benchmark
  public int request() {
    return api.generate(backend, BenchPrompts.SHORT, tokens);
  }
}
