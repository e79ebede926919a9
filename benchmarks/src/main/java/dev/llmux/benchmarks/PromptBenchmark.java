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
 * Prompt-processing speed: a prompt of exactly {@value #PROMPT_TOKENS} tokens (as llama-bench's
 * pp512) answered with one token, with the prompt cache off so every request processes the whole
 * prompt, through the raw binding and through llmux's Backend API on the same file and settings.
 *
 * <p>One request per iteration (single-shot); the report turns milliseconds per request into
 * prompt tokens/s. A request also samples its one answer token and pays the per-request cost,
 * which llama-bench's pp512 leaves out, so the ratio to llama-bench is slightly pessimistic.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PromptBenchmark -p model=QWEN2_5_0_5B_Q8_0}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PromptBenchmark {

  /** Prompt tokens per request, the beginning-of-sequence token included. */
  public static final int PROMPT_TOKENS = 512;

  /** The model. */
  @Param({"TINY_Q8_0", "QWEN2_5_0_5B_Q8_0", "TINYLLAMA_1_1B_Q4_0"})
  public BenchModel model;

  /** The way the model is driven. */
  @Param({"BINDING", "LLMUX"})
  public Api api;

  private LlamaBackend backend;
  private String prompt;

  /** Loads the model with one slot and the prompt cache off, and builds the prompt. */
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

  /** One request: the whole prompt, then one token; returns the tokens produced. */
  @Benchmark
  public int prompt() {
    return api.generate(backend, prompt, 1);
  }
}
