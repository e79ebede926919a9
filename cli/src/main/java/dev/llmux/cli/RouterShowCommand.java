package dev.llmux.cli;

import dev.llmux.router.eval.PolicyTable;
import dev.llmux.router.eval.Trainer;
import dev.llmux.router.policy.PolicyFiles;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.sim.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code llmux router show}: the greedy choice per state of a saved or freshly trained policy. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show a policy's greedy choice per state (every backend available and normal): "
        + "from --policy-file, or after training --policy on the scenario.")
final class RouterShowCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RouterOptions options;

  @Option(names = "--policy-file", paramLabel = "FILE", description = "A saved policy to show.")
  Path policyFile;

  @Option(names = "--policy", paramLabel = "SPEC", defaultValue = "rl.TabularQ",
      description = "Without --policy-file: the policy to train and show (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--episodes", paramLabel = "N", description = "Without --policy-file: training episodes (default: 50000, from the settings).")
  Integer episodes;

  @Option(names = "--all", description = "Every state: all attempts, outcomes and prompt sizes.")
  boolean all;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RouterSettings settings = options.settings();
    RoutingPolicy shown;
    List<String> backends;
    if (policyFile != null) {
      PolicyFiles.Loaded loaded = PolicyFiles.load(policyFile, Registry.standard(), settings, options.seed(settings));
      shown = loaded.policy();
      backends = loaded.context().backends();
      out.println("policy " + shown.name() + " from " + policyFile + ", backends " + backends);
    } else {
      Scenario scenario = options.scenario();
      int n = episodes == null ? settings.training().episodes() : episodes;
      if (n < 1) {
        throw new UsageException("--episodes is " + n + ": use 1 or more");
      }
      shown = Trainer.train(scenario, settings, options.reward(scenario), policy, n, options.seed(settings),
          new ProgressBar(err, "train " + policy)).policy();
      backends = scenario.backendNames();
      out.println("policy " + shown.name() + " trained on " + scenario.name() + " for " + n + " episodes");
    }
    List<PolicyTable.Row> rows = PolicyTable.greedy(shown, backends, all);
    out.println("first attempts: " + PolicyTable.summary(rows));
    out.print(PolicyTable.render(rows));
    out.flush();
    return 0;
  }
}
