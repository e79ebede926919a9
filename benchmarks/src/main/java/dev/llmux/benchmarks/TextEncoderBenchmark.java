package dev.llmux.benchmarks;

import dev.llmux.router.text.OnnxTextEncoder;
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
 * The router's text encoder per request: tokenising and running all-MiniLM-L6-v2 (quantized)
 * through ONNX Runtime with 1 intra-op thread, for a text of exactly {@code tokens} tokens (special
 * tokens included). Sample mode, so the report has percentiles (p50, p99).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TextEncoderBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TextEncoderBenchmark {

  /** Tokens per text. */
  @Param({"32", "128", "256"})
  public int tokens;

  private OnnxTextEncoder encoder;
  private String text;

  /** Opens the encoder and makes a programming-task text cut to exactly {@code tokens} tokens. */
  @Setup(Level.Trial)
  public void setUp() {
    encoder = OnnxTextEncoder.open(OnnxTextEncoder.Options.defaults().withMaxTokens(tokens));
    String sentence = "Given an array of integers nums and an integer target, return the indices of the two numbers"
        + " such that they add up to target, using a hash map for linear time. ";
    StringBuilder s = new StringBuilder();
    while (encoder.tokenIds(s.toString()).length < tokens) {
      s.append(sentence);
    }
    text = s.toString();
    if (encoder.tokenIds(text).length != tokens) {
      throw new IllegalStateException("the text has " + encoder.tokenIds(text).length + " tokens, not " + tokens);
    }
  }

  /** Closes the session. */
  @TearDown(Level.Trial)
  public void tearDown() {
    encoder.close();
  }

  /** One request's embedding. */
  @Benchmark
  public float[] embed() {
    return encoder.embed(text);
  }
}
