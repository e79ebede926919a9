package dev.llmux.cli;

import dev.llmux.engine.gguf.GgmlType;
import dev.llmux.engine.gguf.SyntheticModels;
import dev.llmux.engine.gguf.SyntheticPreset;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmux models synth}: writes a synthetic GGUF model in the shape of a real one. */
@Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Writes a synthetic GGUF model: random weights in the exact shape of a real model.",
        "Its speed is real, its text is noise; the file is marked synthetic in its metadata.",
        "Presets: tiny, qwen2.5-0.5b, qwen2.5-1.5b, llama-3.2-1b, tinyllama-1.1b. Types: f32, f16, q8_0, q4_0."})
final class ModelsSynthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-p", "--preset"}, paramLabel = "NAME", defaultValue = "qwen2.5-0.5b",
      description = "The model shape (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "q8_0",
      description = "The weight type (default: ${DEFAULT-VALUE}).")
  String type;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed of the weights (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--out-dir"}, paramLabel = "DIR", defaultValue = "models/synthetic",
      description = "Folder to write into (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(names = {"-f", "--force"}, description = "Write the file again even if it exists.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SyntheticPreset p = SyntheticPreset.byName(preset).orElseThrow(() -> new UsageException(
        "unknown preset '" + preset + "': use one of "
            + Arrays.stream(SyntheticPreset.values()).map(SyntheticPreset::presetName).collect(Collectors.joining(", "))));
    GgmlType t = GgmlType.byName(type.toLowerCase(Locale.ROOT))
        .filter(x -> x == GgmlType.F32 || x == GgmlType.F16 || x == GgmlType.Q8_0 || x == GgmlType.Q4_0)
        .orElseThrow(() -> new UsageException(
            "unsupported type '" + type + "': use f32, f16, q8_0 or q4_0"));
    Path file = outDir.resolve(SyntheticModels.fileName(p, t));
    if (Files.exists(file) && !force) {
      out.printf("%s exists (use --force to write it again)%n", file);
      return 0;
    }
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(outDir);
      SyntheticModels.generate(p, t, seed, file);
    } catch (IOException | UncheckedIOException e) {
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new UsageException("cannot write into the folder " + outDir + " (-o): " + reason(cause));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = -1;
    }
    out.printf("wrote %s: %s, %s, %.1f MiB in %.1f s (random weights: real speed, noise text)%n", file,
        p.modelName(), t.label(), size / 1048576.0, seconds);
    return 0;
  }

  /** Why a file operation failed, in words. */
  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder: " + ((NoSuchFileException) e).getFile();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + (f.getFile() != null ? ": " + f.getFile() : "");
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
