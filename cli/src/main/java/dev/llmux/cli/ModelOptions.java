package dev.llmux.cli;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.Price;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelManager;
import dev.llmux.engine.context.ContextCompactor;
import dev.llmux.engine.context.ContextWindow;
import dev.llmux.engine.llama.ChatTemplate;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import dev.llmux.router.RoutedBackend;
import dev.llmux.router.text.RequestEstimator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options that choose the model a command talks to: a GGUF file, or a role/model of a catalog file.
 * Without either, {@code ./llmux.json} is used when present, else the default synthetic model.
 *
 * <p>A catalog role naming several models, or {@code --router}, goes through the one routed
 * request path, {@link RoutedBackend}: by default with {@code baseline.Always(<first model>)}, which
 * keeps the role's fallback order; with {@code --router SPEC}, the named policy chooses. One model
 * without {@code --router} is asked directly.
 */
final class ModelOptions {

  private RequestEstimator estimator;

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

  @Option(names = "--router", paramLabel = "SPEC",
      description = "Route each request among the role's models with this policy (rl.TabularQ, bandit.Ucb1,"
          + " baseline.Always(NAME), ...). Default: a role's models in order, as a fallback chain.")
  String router;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Start the router from this policy file (made by 'llmux router train'); it must route among"
          + " the role's models in their order.")
  Path policy;

  @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads for a --model file (default: all processors).")
  Integer threads;

  @Option(names = "--ctx", paramLabel = "TOKENS", description = "Context size for a --model file (default: 4096 or the model's, if smaller).")
  Integer contextSize;

  @Option(names = "--gpu-layers", paramLabel = "N", description = "Layers to offload to a GPU for a --model file (default: 0).")
  Integer gpuLayers;

  @Option(names = "--parallel", paramLabel = "N", description = "Parallel slots for a --model file (default: 1).")
  Integer parallel;

  @Option(names = "--chat-template", paramLabel = "NAME",
      description = "Chat template family for a --model file: chatml, llama3, zephyr, phi3, gemma or llama2 (default:"
          + " detected from the file; ChatML, with a warning, when it has none of a known family). In a catalog:"
          + " \"chatTemplate\".")
  String chatTemplate;

  private ModelManager manager;
  private Backend single;
  private RoutedBackend routed;
  private List<Backend> members = List.of();

  /**
   * An answer, with how it was routed.
   *
   * @param response the answer
   * @param routed the routed answer, or {@code null} when one model was asked directly
   */
  record Answer(ChatResponse response, RoutedBackend.Routed routed) {}

  /** Opens the chosen backend; notes on stderr each synthetic model. */
  Backend open(PrintWriter err) {
    try {
      return openChosen(err);
    } catch (RuntimeException e) {
      close(null);
      throw e;
    }
  }

  private Backend openChosen(PrintWriter err) {
    if (chatTemplate != null) {
      ChatTemplate.byName(chatTemplate);
    }
    if (model != null) {
      single = LlamaBackend.load(spec(model));
      members = List.of(single);
    } else {
      Optional<Path> cfg = Catalog.locate(config);
      if (cfg.isPresent()) {
        if (chatTemplate != null) {
          throw new UsageException("--chat-template is for a --model file; for a catalog model set \"chatTemplate\""
              + " in " + cfg.get());
        }
        manager = Catalog.open(cfg.get());
        members = manager.models(role);
      } else if (Files.exists(DEFAULT_MODEL)) {
        single = LlamaBackend.load(spec(DEFAULT_MODEL));
        members = List.of(single);
      } else {
        throw new ConfigException("no model given and the default model " + DEFAULT_MODEL + " does not exist; run"
            + " './llmux models synth' to make it, or pass --model FILE or --config llmux.json");
      }
    }
    Backend b = members.size() == 1 && router == null && policy == null ? members.get(0) : routed(members);
    for (Backend m : members) {
      if (m instanceof LlamaBackend lb && lb.synthetic()) {
        err.println("note: '" + lb.name() + "' is a synthetic model made by llmux (random weights): its speed is real,"
            + " its text is noise.");
      }
    }
    err.flush();
    return b;
  }

  private RoutedBackend routed(List<Backend> backends) {
    String name = manager != null ? role : backends.get(0).name();
    // Requests arrive without a difficulty: the router estimates it from the text (lazily, once), and
    // a state the policy never visited goes to the role's first model.
    estimator = RequestEstimator.bundled();
    RoutedBackend.Builder b = RoutedBackend.builder().name(name).estimator(estimator).fallback(backends.get(0).name());
    for (Backend m : backends) {
      b.backend(m, manager != null ? manager.price(m.name()) : Price.FREE);
    }
    if (policy != null) {
      if (!Files.exists(policy)) {
        throw new ConfigException("--policy " + policy + " does not exist: train one with 'llmux router train' or leave"
            + " --policy out");
      }
      b.policyFile(policy);
      if (router != null) {
        b.policy(router);
      }
    } else {
      b.policy(router != null ? router : "baseline.Always(" + backends.get(0).name() + ")");
    }
    routed = b.build();
    return routed;
  }

  /**
   * The compactor that keeps a conversation with {@code backend} (from {@link #open}) within the
   * smallest context of its models: the catalog's {@code summarizer} role writes summaries when
   * the catalog has one, else (and when it fails) {@code backend} itself.
   */
  ContextCompactor compactor(Backend backend) {
    ContextCompactor.Builder b = ContextCompactor.builder(ContextWindow.smallest(backend.name(), members)).primary(backend);
    if (manager != null && manager.catalog().roles().containsKey("summarizer")) {
      b.summarizer(manager.backend("summarizer"));
    }
    return b.build();
  }

  /** Asks {@code backend} (from {@link #open}); a routed backend also says how it routed. */
  Answer ask(Backend backend, ChatRequest request, TokenListener listener) {
    if (backend == routed) {
      RoutedBackend.Routed r = routed.chatRouted(request, listener);
      return new Answer(r.response(), r);
    }
    return new Answer(backend.chat(request, listener), null);
  }

  /**
   * Whether a synthetic model among those opened produced any part of {@code r} (it answered, or
   * began an answer another model continued): its text is then noise.
   */
  boolean synthetic(ChatResponse r) {
    for (String name : r.servedBy()) {
      for (Backend m : members) {
        if (m.name().equals(name) && m instanceof LlamaBackend lb && lb.synthetic()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The routed backend, when requests are routed. */
  Optional<RoutedBackend> routed() {
    return Optional.ofNullable(routed);
  }

  /** The spec of a model file given on the command line, with the options above. */
  LocalModelSpec spec(Path file) {
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
    if (chatTemplate != null) {
      b.chatTemplate(ChatTemplate.byName(chatTemplate));
    }
    return b.build();
  }

  /** Closes what {@link #open} made. */
  void close(Backend b) {
    if (routed != null) {
      routed.close();
    }
    if (estimator != null) {
      estimator.close();
    }
    if (manager != null) {
      manager.close();
    } else if (single != null) {
      single.close();
    }
  }
}
