package dev.llmux.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code llmux models inspect}: placeholder until the GGUF reader lands. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Describes a GGUF file.")
final class ModelsInspectCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
