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
 * Time to first token on a warm model: a short prompt of exactly {@value #PROMPT_TOKENS} tokens
 * (prompt cache off, so it is processed as a new conversation's would be) answered with one token,
 * through the raw binding and through llmux's Backend API. Sampled, so the report shows the median
 * and p90.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FirstTokenBenchmark -p model=QWEN2_5_0_5B_Q8_0}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FirstTokenBenchmark {

  /** Prompt tokens, the beginning-of-sequence token included. */
  public static final int PROMPT_TOKENS = 32;

  /** The model. */
  @Param({"TINY_Q8_0", "QWEN2_5_0_5B_Q8_0", "TINYLLAMA_1_1B_Q4_0"})
  public BenchModel model;

  /** The way the model is driven. */
  @Param({"BINDING", "LLMUX"})
  public Api api;

  private LlamaBackend backend;
  private String prompt;

  /** Loads the model (warmed up) with one slot and the prompt cache off, and builds the prompt. */
  @Setup(Level.Trial)
  public void load() {
    backend = model.load(1, false);
    prompt = BenchPrompts.exact(backend, PROMPT_TOKENS);
  }

  /** Stops the model's serving thread. */
  @TearDown(Level.Trial)
  public void close() {
    backend.close();
  }

  /** One request answered with its first token; returns the tokens produced. */
  @Benchmark
  public int firstToken() {
    return api.generate(backend, prompt, 1);
  }
}
