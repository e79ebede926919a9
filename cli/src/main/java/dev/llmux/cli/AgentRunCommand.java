package dev.llmux.cli;

import dev.llmux.agent.AgentSetup;
import dev.llmux.agent.Bench;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import dev.llmux.agent.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llmux agent run --task tasks/NAME}: one episode, printing each step and a summary. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs the agent on one task and prints each step (backend, tool, result, time) and a summary.")
final class AgentRunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--task", required = true, paramLabel = "DIR", description = "The task folder, e.g. tasks/py-fizzbuzz.")
  Path task;

  @Option(names = "--keep-workspace", description = "Keep the workspace folder after the run and print where it is.")
  boolean keepWorkspace;

  @Mixin AgentOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Task t = Tasks.load(task);
    try (AgentSetup setup = options.setup(List.of(t), t.name(), out, spec.commandLine().getErr())) {
      StepPrinter printer = new StepPrinter(out, options.quiet, setup.backends().synthetic());
      Workspace ws = Bench.prepare(t);
      EpisodeResult r;
      try {
        r = options.workflow().run(setup.agent(), t, ws, printer.andThen(setup.trajectory()));
      } finally {
        if (keepWorkspace) {
          out.println("workspace kept: " + ws.root());
        } else {
          ws.close();
        }
      }
      printer.printInvalidRates(setup.agent().invalidCalls());
      return r.success() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
