package dev.llmux.cli;

import dev.llmux.LlmuxException;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelEntry;
import dev.llmux.engine.catalog.ModelPins;
import dev.llmux.engine.gguf.GgufFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmux models verify}: GGUF check plus SHA-256 against the catalog, for air-gapped installs. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Checks model files completely before anything loads them.",
        "Checks the whole GGUF structure and the SHA-256 pinned in the catalog (\"sha256\" of each local",
        "model). With FILEs, checks those files (and --sha256 when given); with --config, every local model",
        "of the catalog.",
        "Exit status 0 when all pass, 2 when any file is missing, invalid or has the wrong checksum."})
final class ModelsVerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "GGUF files to check.")
  List<Path> files = new ArrayList<>();

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Check every local model of this catalog.")
  Path config;

  @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of the single FILE given.")
  String sha256;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String[]> checks = new ArrayList<>(); // name, path, expected sha (or null)
    for (Path f : files) {
      checks.add(new String[] {f.getFileName().toString(), f.toString(), files.size() == 1 ? sha256 : null});
    }
    if (sha256 != null && files.size() != 1) {
      throw new UsageException("--sha256 needs exactly one FILE");
    }
    if (config != null) {
      Catalog c = Catalog.load(config);
      for (ModelEntry e : c.models().values()) {
        if (e instanceof ModelEntry.Local l) {
          checks.add(new String[] {l.name(), l.spec().path().toString(), l.sha256()});
        }
      }
    }
    if (checks.isEmpty()) {
      throw new UsageException("nothing to verify: give GGUF files or --config llmux.json");
    }
    int failures = 0;
    for (String[] c : checks) {
      String problem = verify(Path.of(c[1]), c[2]);
      if (problem == null) {
        out.printf("ok    %s  %s%s%n", c[0], c[1], c[2] == null ? "  (structure only: no sha256 pinned)" : "  (structure and sha256)");
      } else {
        failures++;
        out.printf("FAIL  %s  %s: %s%n", c[0], c[1], problem);
      }
      out.flush();
    }
    out.printf("%d checked, %d failed%n", checks.size(), failures);
    return failures == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
  }

  private static String verify(Path file, String expected) {
    if (!Files.isRegularFile(file)) {
      return "no such file";
    }
    try {
      GgufFile.read(file);
      if (expected != null) {
        ModelPins.shared().verify(file, expected);
      }
      return null;
    } catch (LlmuxException e) {
      return e.getMessage();
    }
  }
}
