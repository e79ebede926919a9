package dev.llmux.benchmarks;

import dev.llmux.engine.Cancellation;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import java.util.concurrent.CompletableFuture;
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
 * What feeding a prompt in chunks costs and buys: a {@value #PROMPT_TOKENS}-token prompt with
 * {@code promptChunk} = {@code chunk} (0: the whole prompt at once, as before chunking).
 *
 * <ul>
 *   <li>{@code prompt}: the whole prompt then one token; milliseconds per request give prompt
 *       tokens/s. Two prompts that differ in their first token alternate, so the slot's cache never
 *       holds the prefix.
 *   <li>{@code cancelDuringPrompt}: the request is cancelled {@value #CANCEL_AFTER_MS} ms after it
 *       starts; the score minus {@value #CANCEL_AFTER_MS} ms is the cancel latency during prompt
 *       processing.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PromptChunkBenchmark -p model=QWEN2_5_0_5B_Q8_0}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PromptChunkBenchmark {

  /** Prompt tokens per request. */
  public static final int PROMPT_TOKENS = 512;

  /** When the cancelled request is cancelled. */
  public static final int CANCEL_AFTER_MS = 300;

  /** The model. */
  @Param({"QWEN2_5_0_5B_Q8_0"})
  public BenchModel model;

  /** Prompt tokens fed per step; 0 for the whole prompt at once. */
  @Param({"0", "32", "64", "128", "256"})
  public int chunk;

  private LlamaBackend backend;
  private final String[] prompts = new String[2];
  private int next;

  /** Loads the model with one slot, the prompt cache on and the chunk size under test. */
  @Setup(Level.Trial)
  public void load() {
    backend = LlamaBackend.load(LocalModelSpec.builder(model.label(), model.path()).threads(BenchModel.threads())
        .batchThreads(BenchModel.threads()).promptChunk(chunk).build());
    String p = BenchPrompts.exact(backend, PROMPT_TOKENS);
    prompts[0] = p;
    prompts[1] = "Twice" + p.substring("Once".length());
  }

  /** Stops the model's serving thread. */
  @TearDown(Level.Trial)
  public void close() {
    backend.close();
  }

  private ChatRequest.Builder request() {
    next ^= 1;
    return ChatRequest.builder().rawPrompt(prompts[next]).maxTokens(1).temperature(0);
  }

  /** The whole prompt, then one token. */
  @Benchmark
  public int prompt() {
    return backend.chat(request().build()).usage().promptTokens();
  }

  /** A request cancelled {@value #CANCEL_AFTER_MS} ms after it starts; returns when it has ended. */
  @Benchmark
  public StopReason cancelDuringPrompt() throws Exception {
    Cancellation cancel = new Cancellation();
    ChatRequest r = request().maxTokens(64).cancellation(cancel).build();
    CompletableFuture<ChatResponse> f = CompletableFuture.supplyAsync(() -> backend.chat(r));
    Thread.sleep(CANCEL_AFTER_MS);
    cancel.cancel();
    return f.get().stopReason();
  }
}
