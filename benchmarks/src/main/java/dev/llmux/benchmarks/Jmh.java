package dev.llmux.benchmarks;

import org.openjdk.jmh.Main;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmarks jar's entry point: JMH's own command line ({@code java -jar benchmarks.jar -h}),
 * with the run defaults of {@code benchmarks/pom.xml} ({@link JmhDefaults}) filled in for every
 * option the command line leaves unset. For the whole suite with its report, use
 * {@code benchmarks/run.sh}.
 */
public final class Jmh {

  private Jmh() {}

  /** Runs JMH with {@code args}, defaults added. */
  public static void main(String[] args) throws Exception {
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println("Error parsing command line: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
        || cli.shouldListResultFormats()) {
      Main.main(args);
      return;
    }
    try {
      new Runner(JmhDefaults.load(false).applyTo(new OptionsBuilder().parent(cli), cli).build()).run();
    } catch (RunnerException e) {
      System.err.println("ERROR: " + e.getMessage());
      System.exit(1);
    }
  }
}
