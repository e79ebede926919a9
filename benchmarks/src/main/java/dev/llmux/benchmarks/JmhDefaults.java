package dev.llmux.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH run defaults every benchmark shares, set once in {@code benchmarks/pom.xml} and read
 * from {@code jmh-defaults.properties} in the jar: forks, warm-up and measurement iterations and
 * times, the iteration timeout. A command-line option always wins over a default.
 *
 * @param forks JVM forks per benchmark and parameter combination
 * @param warmupIterations warm-up iterations
 * @param warmupTime time per warm-up iteration (time-based modes only)
 * @param measurementIterations measured iterations
 * @param measurementTime time per measured iteration (time-based modes only)
 * @param timeout the longest one iteration may run
 */
public record JmhDefaults(
    int forks,
    int warmupIterations,
    TimeValue warmupTime,
    int measurementIterations,
    TimeValue measurementTime,
    TimeValue timeout) {

  private static final String RESOURCE = "jmh-defaults.properties";

  /** The defaults of a full run ({@code quick} false) or of the quick run. */
  public static JmhDefaults load(boolean quick) {
    Properties p = new Properties();
    try (InputStream in = JmhDefaults.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the benchmarks jar; rebuild it with "
            + "./mvnw -q -DskipTests -pl benchmarks -am package");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    String prefix = quick ? "quick." : "";
    return new JmhDefaults(
        Integer.parseInt(value(p, "forks")),
        Integer.parseInt(value(p, prefix + "warmupIterations")),
        TimeValue.fromString(value(p, prefix + "warmupTime")),
        Integer.parseInt(value(p, prefix + "measurementIterations")),
        TimeValue.fromString(value(p, prefix + "measurementTime")),
        TimeValue.fromString(value(p, "timeout")));
  }

  private static String value(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank() || v.startsWith("${")) {
      throw new IllegalStateException(RESOURCE + " has no value for " + key + "; set jmh." + key
          + " in benchmarks/pom.xml and rebuild");
    }
    return v.trim();
  }

  /**
   * Sets on {@code builder} every default that {@code given} (the command line) leaves unset, and
   * appends to the forks' JVM options (after the command line's own) {@code -Djmh.shutdownTimeout=0}
   * and {@code forkArgs}. The binding's native serving thread is a non-daemon thread that outlives
   * the model, so a fork would otherwise wait JMH's 30 s shutdown timeout before it exits.
   */
  public ChainedOptionsBuilder applyTo(ChainedOptionsBuilder builder, Options given, String... forkArgs) {
    List<String> append = new ArrayList<>(given.getJvmArgsAppend().orElse(List.of()));
    append.add("-Djmh.shutdownTimeout=0");
    append.addAll(List.of(forkArgs));
    builder.jvmArgsAppend(append.toArray(new String[0]));
    if (!given.getForkCount().hasValue()) {
      builder.forks(forks);
    }
    if (!given.getWarmupIterations().hasValue()) {
      builder.warmupIterations(warmupIterations);
    }
    if (!given.getWarmupTime().hasValue()) {
      builder.warmupTime(warmupTime);
    }
    if (!given.getMeasurementIterations().hasValue()) {
      builder.measurementIterations(measurementIterations);
    }
    if (!given.getMeasurementTime().hasValue()) {
      builder.measurementTime(measurementTime);
    }
    if (!given.getTimeout().hasValue()) {
      builder.timeout(timeout);
    }
    return builder;
  }

  /** The settings of {@code options} in words, for the report. */
  public static String describe(Options options) {
    int forks = options.getForkCount().orElse(1);
    return forks + (forks == 1 ? " fork, " : " forks, ") + options.getWarmupIterations().orElse(0) + " warm-up + "
        + options.getMeasurementIterations().orElse(0) + " measured iterations (" + options.getMeasurementTime()
        .orElse(TimeValue.NONE) + " each in timed modes; one request each in single-shot mode)";
  }
}
