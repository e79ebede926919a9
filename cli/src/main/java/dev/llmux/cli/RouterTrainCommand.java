package dev.llmux.cli;

import dev.llmux.router.eval.PolicyTable;
import dev.llmux.router.eval.Trainer;
import dev.llmux.router.policy.PolicyFileException;
import dev.llmux.router.policy.PolicyFiles;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.sim.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code llmux router train}: trains a policy in the simulator and saves it. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Train a routing policy on a preset or profiles file and save it as JSON.")
final class RouterTrainCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RouterOptions options;

  @Option(names = "--policy", paramLabel = "SPEC", defaultValue = "rl.TabularQ",
      description = "Policy to train: rl.TabularQ, bandit.Ucb1 or bandit.Thompson (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--episodes", paramLabel = "N", description = "Training episodes (default: 50000, from the settings).")
  Integer episodes;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "router-policy.json",
      description = "Where to save the policy (default: ${DEFAULT-VALUE}); written atomically.")
  Path out;

  @Option(names = "--from", paramLabel = "FILE",
      description = "Continue training the policy in this file instead of starting afresh.")
  Path from;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RouterSettings settings = options.settings();
    Scenario scenario = options.scenario();
    Reward reward = options.reward(scenario);
    long seed = options.seed(settings);
    int n = episodes == null ? settings.training().episodes() : episodes;
    if (n < 1) {
      throw new UsageException("--episodes is " + n + ": train for 1 episode or more");
    }
    Trainer.Result result;
    String name;
    if (from != null) {
      PolicyFiles.Loaded loaded = PolicyFiles.load(from, Registry.standard(), settings, seed);
      if (!loaded.context().backends().equals(scenario.backendNames())) {
        throw new PolicyFileException("policy file " + from + " routes among " + loaded.context().backends()
            + " but scenario " + scenario.name() + " has " + scenario.backendNames());
      }
      name = loaded.policy().name();
      result = Trainer.train(scenario, settings, reward, loaded.policy(), n, seed,
          new ProgressBar(err, "train " + name));
    } else {
      name = policy;
      result = Trainer.train(scenario, settings, reward, policy, n, seed, new ProgressBar(err, "train " + policy));
    }
    PolicyFiles.save(result.policy(), scenario.backendNames(), this.out);
    out.printf(Locale.ROOT, "trained %s on %s for %d episodes (seed %d); last tenth: success %.3f, mean reward %.3f%n",
        result.policy().name(), scenario.name(), n, seed, result.finalSuccess(), result.finalReward());
    out.println("saved " + this.out);
    out.println("greedy first choices: " + PolicyTable.summary(PolicyTable.greedy(result.policy(), scenario.backendNames(), false)));
    out.flush();
    return 0;
  }
}
