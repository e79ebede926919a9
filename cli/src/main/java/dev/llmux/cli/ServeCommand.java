package dev.llmux.cli;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.router.Llmux;
import dev.llmux.serve.LlmuxServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmux serve}: the OpenAI-compatible HTTP server over a catalog's models, roles and the router. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves the models over an OpenAI-compatible HTTP API (POST /v1/chat/completions, GET /v1/models,"
        + " /health, /ready, /metrics) until stopped (Ctrl-C or SIGTERM drain running requests first).",
        "Model ids: each catalog model, each role, and 'auto' (routed among --role's models by --router); with"
        + " --model FILE, that model by its file name, and 'auto'."})
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** The model file or catalog; {@code --role} is the role 'auto' routes among, {@code --router} its policy. */
  @Mixin ModelOptions models;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "The address to bind (default: ${DEFAULT-VALUE}); any other needs --api-key or --insecure.")
  String host;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "8080",
      description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "Clients must send 'Authorization: Bearer KEY'. Default: the LLMUX_API_KEY environment variable, if set.")
  String apiKey;

  @Option(names = "--insecure", description = "Allow a non-loopback --host without an API key.")
  boolean insecure;

  @Option(names = "--queue", paramLabel = "N", defaultValue = "16",
      description = "Requests one model id takes at once, answering or waiting; more get 429 (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--drain", paramLabel = "SECONDS", defaultValue = "30",
      description = "On SIGTERM or Ctrl-C, how long running requests may finish (default: ${DEFAULT-VALUE}).")
  int drainSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (models.policy != null) {
      throw new UsageException("--policy is not supported by serve yet; give --router SPEC (the policy then starts"
          + " untrained) or leave both out");
    }
    if (drainSeconds < 0) {
      throw new UsageException("--drain is " + drainSeconds + "; give 0 or more seconds");
    }
    Llmux llmux = openModels();
    LlmuxServer server;
    try {
      LlmuxServer.Builder b = LlmuxServer.builder().host(host).port(port).queueDepth(queue).insecure(insecure)
          .drain(Duration.ofSeconds(drainSeconds)).verbose(verbose());
      String key = apiKey != null ? apiKey : System.getenv("LLMUX_API_KEY");
      if (key != null) {
        b.apiKey(key);
      }
      for (String name : llmux.models()) {
        b.model(name, llmux.backend(name));
      }
      for (String r : llmux.roles()) {
        if (!llmux.models().contains(r)) {
          b.model(r, llmux.backend(r));
        }
      }
      String autoRole = llmux.roles().isEmpty() ? llmux.models().get(0) : models.role;
      List<Backend> members = llmux.members(autoRole);
      for (Backend m : members) {
        if (m instanceof LlamaBackend lb && lb.synthetic()) {
          err.println("note: '" + lb.name() + "' is a synthetic model made by llmux (random weights): its speed is real,"
              + " its text is noise.");
        }
      }
      b.model("auto", llmux.routed(autoRole, models.router != null ? models.router : "baseline.Always(" + members.get(0).name() + ")"));
      server = b.start();
    } catch (RuntimeException e) {
      llmux.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      err.println("llmux serve: stopping (draining running requests for up to " + drainSeconds + " s)");
      err.flush();
      server.close();
      llmux.close();
      stopped.countDown();
    }, "llmux-serve-stop"));
    out.println("llmux serve: listening on " + server.baseUri() + " (models: " + String.join(", ", ids(llmux)) + ")");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private static List<String> ids(Llmux llmux) {
    java.util.List<String> ids = new java.util.ArrayList<>(llmux.models());
    llmux.roles().stream().filter(r -> !ids.contains(r)).forEach(ids::add);
    ids.add("auto");
    return ids;
  }

  private boolean verbose() {
    return spec.root().userObject() instanceof LlmuxCommand root && root.verbose;
  }

  private Llmux openModels() {
    if (models.parallel == null) {
      models.parallel = 4; // a server answers several clients at once
    }
    if (models.model != null) {
      return Llmux.open(models.spec(models.model));
    }
    Optional<Path> cfg = Catalog.locate(models.config);
    if (cfg.isPresent()) {
      return Llmux.open(cfg.get());
    }
    if (Files.exists(ModelOptions.DEFAULT_MODEL)) {
      return Llmux.open(models.spec(ModelOptions.DEFAULT_MODEL));
    }
    throw new ConfigException("no model given and the default model " + ModelOptions.DEFAULT_MODEL + " does not exist;"
        + " run './llmux models synth' to make it, or pass --model FILE or --config llmux.json");
  }
}
