package dev.llmux.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmux native}: the llama.cpp native library llmux loads. */
@Command(name = "native", mixinStandardHelpOptions = true,
    description = "Builds the llama.cpp native library for this machine (see also 'llmux doctor').",
    subcommands = {NativeBuildCommand.class, CommandLine.HelpCommand.class})
final class NativeCommand implements java.util.concurrent.Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return CliSupport.missingCommand(spec);
  }
}
