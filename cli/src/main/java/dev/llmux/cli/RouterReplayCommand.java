package dev.llmux.cli;

import dev.llmux.router.eval.Replay;
import dev.llmux.router.policy.PolicyContext;
import dev.llmux.router.policy.PolicyFileException;
import dev.llmux.router.policy.PolicyFiles;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmux router replay}: off-policy estimates of another policy on logged decisions. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Estimate what another policy would have earned per step on logged decisions (trajectory files):"
        + " inverse propensity (IPS) and doubly robust (DR) estimates with 95% intervals.",
        "The target is --policy-file FILE (a trained policy, frozen), or --policy SPEC over --backends a,b,c."})
final class RouterReplayCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "TRAJECTORIES", arity = "1..*", description = "Trajectory files (JSON lines with step lines).")
  List<Path> files;

  @Option(names = "--policy", paramLabel = "SPEC", description = "The target policy's registry spec.")
  String policy;

  @Option(names = "--policy-file", paramLabel = "FILE", description = "A saved policy to evaluate, frozen.")
  Path policyFile;

  @Option(names = "--backends", paramLabel = "NAME", split = ",",
      description = "Without --policy-file: the backends in the router's order.")
  List<String> backends;

  @Option(names = "--json", description = "One JSON object instead of lines.")
  boolean json;

  @Override
  public Integer call() {
    RouterSettings settings = RouterSettings.defaults();
    RoutingPolicy target;
    List<String> names;
    if (policyFile != null) {
      PolicyFiles.Loaded loaded = PolicyFiles.load(policyFile, Registry.standard(), settings, 1);
      target = loaded.policy();
      names = loaded.context().backends();
      if (policy != null && !Registry.standard().canonical(policy).equals(target.name())) {
        throw new PolicyFileException("policy file " + policyFile + " holds " + target.name() + ", not " + policy);
      }
    } else {
      if (policy == null || backends == null || backends.isEmpty()) {
        throw new UsageException("give --policy-file FILE, or --policy SPEC with --backends a,b,c");
      }
      names = backends;
      target = Registry.standard().create(policy, PolicyContext.of(names, settings, 1));
    }
    List<Replay.Logged> logs = Replay.read(files, names);
    List<Replay.Estimate> estimates = Replay.estimate(logs, target, names);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      var m = new com.fasterxml.jackson.databind.ObjectMapper();
      var root = m.createObjectNode().put("policy", target.name()).put("steps", logs.size());
      var arr = root.putArray("estimates");
      for (Replay.Estimate e : estimates) {
        arr.addObject().put("method", e.method()).put("value", e.value()).put("low", e.low()).put("high", e.high())
            .put("matched", e.matched());
      }
      out.println(root.toString());
    } else {
      out.printf(Locale.ROOT, "%s on %d logged steps (the target would have chosen as logged in %.0f of them):%n",
          target.name(), logs.size(), estimates.get(0).matched());
      for (Replay.Estimate e : estimates) {
        out.printf(Locale.ROOT, "%-4s mean reward per step %.4f  95%% interval [%.4f, %.4f]%n", e.method(), e.value(),
            e.low(), e.high());
      }
    }
    out.flush();
    return 0;
  }
}
