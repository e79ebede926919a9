package dev.llmux.cli;

import dev.llmux.agent.trajectory.TrajectoryExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmux agent export}: trajectories to chat-format training examples. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Turns trajectory files into chat-format training examples (JSONL of {\"messages\": [...]}).")
final class AgentExportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "TRAJECTORY", description = "Trajectory files written by agent run or bench.")
  List<Path> inputs;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The JSONL file to write.")
  Path output;

  @Option(names = "--all-episodes", description = "Keep calls of failed episodes too (default: only successful episodes).")
  boolean allEpisodes;

  @Option(names = "--include-mock", description = "Keep calls answered by scripted mock backends (default: left out).")
  boolean includeMock;

  @Option(names = "--role", paramLabel = "ROLE",
      description = "Keep only this role's calls: primary (solo episodes), writer, reviewer, tester, ... (default: every role).")
  String role;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrajectoryExport.Summary s = TrajectoryExport.export(inputs, output, new TrajectoryExport.Filter(!allEpisodes, includeMock, role));
    out.println("wrote " + s.examples() + " examples to " + output + " (" + s.skipped() + " calls left out) from "
        + s.files() + " file(s)");
    out.flush();
    return 0;
  }
}
