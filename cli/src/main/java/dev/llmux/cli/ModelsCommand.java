package dev.llmux.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmux models}: make, inspect and verify model files. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "Makes synthetic models, inspects GGUF files and verifies them against the catalog.",
    subcommands = {ModelsSynthCommand.class, ModelsInspectCommand.class, ModelsVerifyCommand.class,
        CommandLine.HelpCommand.class})
final class ModelsCommand implements java.util.concurrent.Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return CliSupport.missingCommand(spec);
  }
}
