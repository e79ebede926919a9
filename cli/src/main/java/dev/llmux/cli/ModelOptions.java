package dev.llmux.cli;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelManager;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options that choose the model a command talks to: a GGUF file, or a role/model of a catalog file.
 * Without either, {@code ./llmux.json} is used when present, else the default synthetic model.
 */
final class ModelOptions {

  /** The model used when nothing else is given (made by {@code llmux models synth}). */
  static final Path DEFAULT_MODEL = Path.of("models", "synthetic", "qwen2.5-0.5b-q8_0.gguf");

  @Option(names = {"-m", "--model"}, paramLabel = "FILE", description = "A GGUF model file to load.")
  Path model;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "A catalog file (llmux.json) naming models and roles. Default: ./llmux.json when it exists.")
  Path config;

  @Option(names = {"-r", "--role"}, paramLabel = "NAME", defaultValue = "primary",
      description = "The role or model name to use from the catalog (default: ${DEFAULT-VALUE}).")
  String role;

  @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads for a --model file (default: all processors).")
  Integer threads;

  @Option(names = "--ctx", paramLabel = "TOKENS", description = "Context size for a --model file (default: 4096 or the model's, if smaller).")
  Integer contextSize;

  @Option(names = "--gpu-layers", paramLabel = "N", description = "Layers to offload to a GPU for a --model file (default: 0).")
  Integer gpuLayers;

  @Option(names = "--parallel", paramLabel = "N", description = "Parallel slots for a --model file (default: 1).")
  Integer parallel;

  private ModelManager manager;

  /** Opens the chosen backend; notes on stderr when it is a synthetic model. */
  Backend open(PrintWriter err) {
    Backend b;
    if (model != null) {
      b = LlamaBackend.load(spec(model));
    } else {
      Path cfg = config != null ? config : Files.exists(Path.of("llmux.json")) ? Path.of("llmux.json") : null;
      if (cfg != null) {
        manager = Catalogs.manager(Catalog.load(cfg));
        b = manager.backend(role);
      } else if (Files.exists(DEFAULT_MODEL)) {
        b = LlamaBackend.load(spec(DEFAULT_MODEL));
      } else {
        throw new ConfigException("no model given and the default model " + DEFAULT_MODEL + " does not exist; run"
            + " './llmux models synth' to make it, or pass --model FILE or --config llmux.json");
      }
    }
    if (b instanceof LlamaBackend lb && lb.synthetic()) {
      err.println("note: '" + lb.name() + "' is a synthetic model made by llmux (random weights): its speed is real,"
          + " its text is noise.");
      err.flush();
    }
    return b;
  }

  private LocalModelSpec spec(Path file) {
    String name = file.getFileName().toString().replaceFirst("\\.gguf$", "");
    LocalModelSpec.Builder b = LocalModelSpec.builder(name, file);
    if (threads != null) {
      b.threads(threads);
    }
    if (contextSize != null) {
      b.contextSize(contextSize);
    }
    if (gpuLayers != null) {
      b.gpuLayers(gpuLayers);
    }
    if (parallel != null) {
      b.parallel(parallel);
    }
    return b.build();
  }

  /** Closes what {@link #open} made through a catalog. */
  void close(Backend b) {
    if (manager != null) {
      manager.close();
    } else if (b != null) {
      b.close();
    }
  }
}
