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
 * Decode speed: {@value #TOKENS} tokens, greedy, end-of-sequence ignored, after a short cached
 * prompt (so a request is {@value #TOKENS} forward passes of one token, as llama-bench's tg128),
 * through the raw binding and through llmux's Backend API on the same file and settings.
 *
 * <p>One request per iteration (single-shot), so every request of the sequence is measured, not
 * only the first; the report turns milliseconds per request into tokens/s and shows the slowest
 * request beside the mean.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DecodeBenchmark -p model=QWEN2_5_0_5B_Q8_0}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DecodeBenchmark {

  /** Tokens produced per request. */
  public static final int TOKENS = 128;

  /** The model. */
  @Param({"TINY_Q8_0", "QWEN2_5_0_5B_Q8_0", "TINYLLAMA_1_1B_Q4_0"})
  public BenchModel model;

  /** The way the model is driven. */
  @Param({"BINDING", "LLMUX"})
  public Api api;

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

  /** One request of {@value #TOKENS} tokens; returns the tokens produced. */
  @Benchmark
  public int decode() {
    return api.generate(backend, BenchPrompts.SHORT, TOKENS);
  }
}
