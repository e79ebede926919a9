package dev.llmux.cli;

import dev.llmux.LlmuxException;
import dev.llmux.router.eval.Charts;
import dev.llmux.router.eval.Evaluation;
import dev.llmux.router.eval.EvaluationReport;
import dev.llmux.router.eval.ReportFormat;
import dev.llmux.router.policy.PolicyFileException;
import dev.llmux.router.policy.PolicyFiles;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.sim.Scenario;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code llmux router eval}: compares every policy side by side on a scenario. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Compare policies on a preset or profiles file: learned policies train, then freeze; "
        + "then every policy, the oracle and the baselines included, runs the same fresh episodes.")
final class RouterEvalCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RouterOptions options;

  @Option(names = "--episodes", paramLabel = "N", description = "Training episodes per learned policy (default: 50000, from the settings).")
  Integer episodes;

  @Option(names = "--eval-episodes", paramLabel = "N", description = "Evaluation episodes per policy (default: 5000, from the settings).")
  Integer evalEpisodes;

  @Option(names = "--policies", paramLabel = "SPEC", split = ",",
      description = "Policies to compare (default: the oracle, every learned policy and every baseline).")
  List<String> policies;

  @Option(names = "--policy-file", paramLabel = "FILE",
      description = "Also evaluate a saved policy, frozen, as it is. May be repeated.")
  List<Path> policyFiles;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

  @Option(names = "--no-visibility",
      description = "Skip the second table: each policy on the same episodes with the difficulty told, estimated from"
          + " text (the bundled feature pool) and hidden.")
  boolean noVisibility;

  @Option(names = "--charts", paramLabel = "DIR", description = "Write learning-curve and trade-off charts (PNG) into DIR.")
  Path charts;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RouterSettings settings = options.settings();
    Scenario scenario = options.scenario();
    Reward reward = options.reward(scenario);
    Evaluation.Builder builder = Evaluation.builder()
        .scenario(scenario)
        .settings(settings)
        .reward(reward)
        .seed(options.seed(settings))
        .visibility(!noVisibility)
        .listener((policy, phase, n) -> new ProgressBar(err, phase + " " + policy));
    if (episodes != null) {
      check(episodes >= 0, "--episodes is " + episodes + ": use 0 or more");
      builder.trainEpisodes(episodes);
    }
    if (evalEpisodes != null) {
      check(evalEpisodes >= 1, "--eval-episodes is " + evalEpisodes + ": use 1 or more");
      builder.evalEpisodes(evalEpisodes);
    }
    if (policies != null) {
      builder.policies(policies);
    }
    if (policyFiles != null) {
      for (Path file : policyFiles) {
        PolicyFiles.Loaded loaded = PolicyFiles.load(file, Registry.standard(), settings, options.seed(settings));
        if (!loaded.context().backends().equals(scenario.backendNames())) {
          throw new PolicyFileException("policy file " + file + " routes among " + loaded.context().backends()
              + " but scenario " + scenario.name() + " has " + scenario.backendNames());
        }
        builder.extra("file:" + file.getFileName(), loaded.policy());
      }
    }
    EvaluationReport report = builder.build().run();
    out.print((json ? ReportFormat.JSON : ReportFormat.TABLE).render(report));
    if (charts != null) {
      try {
        for (Path p : Charts.write(report, charts)) {
          err.println("wrote " + p);
        }
      } catch (UncheckedIOException e) {
        throw new LlmuxException(e.getMessage(), e);
      }
    }
    out.flush();
    err.flush();
    return 0;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new UsageException(message);
    }
  }
}
