package dev.llmux.cli;

import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.sandbox.SandboxLimits;
import dev.llmux.agent.sandbox.SandboxRequest;
import dev.llmux.agent.sandbox.SandboxResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmux sandbox run --workspace DIR -- CMD...}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs CMD in the sandbox with DIR as the only writable folder; prints its output and how it ended.")
final class SandboxRunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "The folder the command may write.")
  Path workspace;

  @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Wall-clock limit (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--cpu", defaultValue = "20", paramLabel = "SECONDS", description = "CPU-time limit (default: ${DEFAULT-VALUE}).")
  int cpuSeconds;

  @Option(names = "--memory", defaultValue = "1024", paramLabel = "MIB", description = "Address-space limit in MiB (default: ${DEFAULT-VALUE}).")
  long memoryMib;

  @Option(names = "--processes", defaultValue = "128", description = "Process limit (default: ${DEFAULT-VALUE}).")
  int processes;

  @Option(names = "--output-bytes", defaultValue = "65536", description = "Bytes of stdout and of stderr kept (default: ${DEFAULT-VALUE}).")
  int outputBytes;

  @Option(names = "--disk", defaultValue = "256", paramLabel = "MIB",
      description = "The most MiB the command may write in all: workspace growth plus its temp folders; the sandbox's /tmp is "
          + "a RAM-backed tmpfs of this size; a run past it is killed (default: ${DEFAULT-VALUE}).")
  long diskMib;

  @Option(names = "--require-bubblewrap", description = "Fail instead of running with weaker isolation when bubblewrap is unusable.")
  boolean requireBubblewrap;

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
  List<String> command;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Sandbox sandbox = requireBubblewrap ? Sandbox.requireBubblewrap() : Sandbox.detect();
    SandboxRequest request;
    try {
      SandboxLimits limits = SandboxLimits.builder()
          .wallClock(Duration.ofSeconds(timeoutSeconds))
          .cpuSeconds(cpuSeconds)
          .memoryBytes(memoryMib << 20)
          .processes(processes)
          .outputBytes(outputBytes)
          .diskBytes(diskMib << 20)
          .build();
      request = SandboxRequest.builder(workspace.toAbsolutePath(), command).limits(limits).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    SandboxResult r = sandbox.run(request);
    out.print(r.stdout());
    out.flush();
    err.print(r.stderr());
    err.println("[sandbox] " + r.describe() + (r.truncated() ? ", output truncated" : ""));
    err.flush();
    return r.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
