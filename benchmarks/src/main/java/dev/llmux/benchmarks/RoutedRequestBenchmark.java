package dev.llmux.benchmarks;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.router.RoutedBackend;
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
 * A routed request against the direct request on the same backend: {@code Backend.chat} of the
 * backend itself, and of a {@link RoutedBackend} (tabular Q-learning) whose only backend it is, so
 * the routed request pays choose, the live figures, the outcome and feedback on top.
 *
 * <p>Two backends: {@code INSTANT}, which answers at once, so the difference is the routing cost
 * alone, measured to the microsecond; and the 0.5B shape answering {@value #TOKENS} tokens, the
 * request the routing cost is compared against (target: under 1% of it).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RoutedRequestBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutedRequestBenchmark {

  /** Tokens per answer. */
  public static final int TOKENS = 32;

  /** {@code INSTANT} or a {@link BenchModel} name. */
  @Param({"INSTANT", "QWEN2_5_0_5B_Q8_0"})
  public String backend;

  private Backend direct;
  private RoutedBackend routed;
  private ChatRequest request;

  /** Loads the backend and builds the routed backend over it. */
  @Setup(Level.Trial)
  public void setUp() {
    direct = backend.equals("INSTANT") ? new InstantBackend("instant", TOKENS) : BenchModel.valueOf(backend).load(1, true);
    routed = RoutedBackend.builder().name("routed").backend(direct).policy("rl.TabularQ").seed(42).build();
    request = Api.request(BenchPrompts.SHORT, TOKENS);
  }

  /** Closes the routed backend, then the backend. */
  @TearDown(Level.Trial)
  public void close() {
    routed.close();
    direct.close();
  }

  /** The backend's own chat. */
  @Benchmark
  public ChatResponse direct() {
    return direct.chat(request);
  }

  /** The same request through the router. */
  @Benchmark
  public ChatResponse routed() {
    return routed.chat(request);
  }
}
