package dev.llmux.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

final class JmhDefaultsTest {

  @Test
  void load_quick_fewerIterationsThanFull() {
    JmhDefaults full = JmhDefaults.load(false);
    JmhDefaults quick = JmhDefaults.load(true);
    assertTrue(quick.measurementIterations() < full.measurementIterations(), quick + " vs " + full);
    assertEquals(full.forks(), quick.forks());
  }

  @Test
  void applyTo_commandLineOption_winsOverDefault() throws Exception {
    JmhDefaults d = new JmhDefaults(1, 2, TimeValue.seconds(1), 5, TimeValue.seconds(1), TimeValue.minutes(10));
    CommandLineOptions cli = new CommandLineOptions("-i", "7", "-jvmArgsAppend", "-Dx=1");
    Options o = d.applyTo(new OptionsBuilder().parent(cli), cli, "-Dy=2").build();
    assertEquals(7, o.getMeasurementIterations().get());
    assertEquals(2, o.getWarmupIterations().get());
    assertEquals(1, o.getForkCount().get());
    assertEquals(List.of("-Dx=1", "-Djmh.shutdownTimeout=0", "-Dy=2"), List.copyOf(o.getJvmArgsAppend().get()));
  }

  @Test
  void describe_options_inWords() throws Exception {
    JmhDefaults d = new JmhDefaults(1, 2, TimeValue.seconds(1), 5, TimeValue.seconds(1), TimeValue.minutes(10));
    CommandLineOptions cli = new CommandLineOptions();
    String text = JmhDefaults.describe(d.applyTo(new OptionsBuilder().parent(cli), cli).build());
    assertTrue(text.startsWith("1 fork, 2 warm-up + 5 measured iterations (1 s each"), text);
  }
}
