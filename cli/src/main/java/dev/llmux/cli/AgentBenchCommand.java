package dev.llmux.cli;

import dev.llmux.agent.AgentSetup;
import dev.llmux.agent.Bench;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmux agent bench tasks/}: every task, then a table of the results. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Runs the agent on every task of a folder and prints a table: success, steps, time per task,"
        + " share of steps per backend.")
final class AgentBenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TASKS", description = "The folder of task folders, e.g. tasks/.")
  Path tasksDir;

  @Option(names = "--episodes", defaultValue = "1", description = "Episodes per task (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--only", split = ",", paramLabel = "NAME", description = "Run only these tasks (comma-separated names).")
  List<String> only;

  @Mixin AgentOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (episodes < 1) {
      throw new dev.llmux.agent.AgentException("--episodes must be at least 1");
    }
    List<Task> tasks = new ArrayList<>(Tasks.loadAll(tasksDir));
    if (only != null && !only.isEmpty()) {
      tasks.removeIf(t -> !only.contains(t.name()));
      if (tasks.isEmpty()) {
        throw new dev.llmux.agent.AgentException("--only " + only + " matches no task in " + tasksDir);
      }
    }
    try (AgentSetup setup = options.setup(tasks, "bench", out, spec.commandLine().getErr())) {
      StepPrinter printer = new StepPrinter(out, options.quiet, setup.backends().synthetic());
      List<EpisodeResult> results = Bench.run(setup.agent(), options.workflow(), tasks, episodes, printer.andThen(setup.trajectory()));
      out.println();
      if (setup.backends().mock()) {
        out.println("[MOCK] results of scripted mock backends, not of models:");
      } else if (!setup.backends().synthetic().isEmpty()) {
        out.println("[SYNTHETIC] results include synthetic models " + setup.backends().synthetic()
            + " (random weights: real speed, noise text):");
      }
      out.print(Bench.table(results, setup.backends().names()));
      printer.printInvalidRates(setup.agent().invalidCalls());
      out.println("trajectory: " + setup.trajectory().path());
      out.flush();
      return ExitCodes.OK;
    }
  }
}
