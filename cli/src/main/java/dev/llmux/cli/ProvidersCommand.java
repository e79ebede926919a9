package dev.llmux.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.http.HttpBackendSpec;
import dev.llmux.engine.http.HttpPreset;
import dev.llmux.engine.http.HttpTimeouts;
import dev.llmux.engine.http.ProviderCheck;
import dev.llmux.engine.http.RetrySettings;
import dev.llmux.engine.http.Secret;
import java.io.PrintWriter;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelEntry;
import dev.llmux.engine.catalog.RemoteModels;
import java.net.URI;
import java.nio.file.Path;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmux providers}: the HTTP provider presets, and a step-by-step test of one provider. */
@Command(name = "providers", mixinStandardHelpOptions = true,
    description = "Lists the HTTP provider presets, or tests one provider (reachability, key, model, a short"
        + " completion, streaming).",
    subcommands = {ProvidersCommand.ListPresets.class, ProvidersCommand.TestProvider.class})
final class ProvidersCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return CliSupport.missingCommand(spec);
  }

  /** {@code llmux providers list}: each preset's wire format, default base URL and key. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the provider presets: wire format, default base URL and the API key each needs.")
  static final class ListPresets implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ArrayNode list = new ObjectMapper().createArrayNode();
        for (HttpPreset p : HttpPreset.values()) {
          list.addObject().put("name", p.configName()).put("wireFormat", p.wireFormat().name().toLowerCase(Locale.ROOT))
              .put("baseUrl", p.baseUrl().toString()).put("keyRequired", p.keyRequired())
              .put("keyVariable", p.keyVariable());
        }
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
      } else {
        out.printf("%-13s %-19s %-30s %s%n", "PRESET", "WIRE FORMAT", "DEFAULT BASE URL", "API KEY");
        for (HttpPreset p : HttpPreset.values()) {
          out.printf("%-13s %-19s %-30s %s%n", p.configName(), p.wireFormat().name().toLowerCase(Locale.ROOT),
              p.baseUrl(), p.keyRequired() ? "required, from " + p.keyVariable() : "none needed (optional)");
        }
        out.println();
        out.println("A config entry needs the preset, the model and the key: "
            + "{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"apiKey\": \"${OPENAI_API_KEY}\"}");
      }
      out.flush();
      return 0;
    }
  }

  /** {@code llmux providers test NAME}: checks one provider step by step and says what is wrong. */
  @Command(name = "test", mixinStandardHelpOptions = true,
      description = {"Tests a provider step by step: the config, whether the server is reachable, whether it takes"
          + " the API key, whether it knows the model, one short completion, and streaming.",
          "Exit status: 0 all passed (warnings allowed), 1 a completion failed, 2 bad config, key or model,"
              + " 3 the server is unreachable."})
  static final class TestProvider implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
        description = "A model of the catalog with a \"provider\", or a preset: openai, openrouter, anthropic,"
            + " ollama, lmstudio, llama-server, vllm.")
    String name;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "The catalog whose model NAME is tested (default: ./llmux.json when it exists).")
    Path config;

    private boolean fromCatalog;

    @Option(names = "--base-url", paramLabel = "URL", description = "The API's base URL (default: the preset's).")
    String baseUrl;

    @Option(names = "--model", paramLabel = "MODEL",
        description = "The model to test (default: the first one the server lists).")
    String model;

    @Option(names = "--api-key-env", paramLabel = "VAR",
        description = "The environment variable holding the API key (default: the preset's, such as OPENAI_API_KEY).")
    String keyVariable;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
        description = "The longest each step may wait, in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    /** Where environment variables are read; tests replace it. */
    Function<String, String> env = System::getenv;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      HttpBackendSpec backendSpec = buildSpec();
      ProviderCheck.Report report = ProviderCheck.run(backendSpec,
          model == null && !fromCatalog ? ProviderCheck.ModelChoice.FIRST_LISTED : ProviderCheck.ModelChoice.GIVEN);
      if (json) {
        out.println(toJson(report));
      } else {
        out.println("Testing " + report.preset() + " at " + report.baseUrl() + ", model " + report.model());
        for (ProviderCheck.Result r : report.results()) {
          out.printf("  %-4s  %-10s  %s%n", r.status(), r.check(), r.detail());
        }
        out.println(report.ok() ? "Result: OK" : "Result: FAILED (" + describe(report.verdict()) + ", exit status "
            + ExitCodes.of(report.verdict()) + ")");
      }
      out.flush();
      return ExitCodes.of(report.verdict());
    }

    private HttpBackendSpec buildSpec() {
      Path cfg = Catalog.locate(config).orElse(null);
      if (cfg != null) {
        Catalog catalog = Catalog.load(cfg);
        ModelEntry entry = catalog.models().get(name);
        if (entry instanceof ModelEntry.Remote remote) {
          fromCatalog = true;
          return RemoteModels.spec(catalog, remote, env);
        }
        if (entry != null) {
          throw new ConfigException("'" + name + "' in " + cfg + " is a local model, not a provider: try"
              + " 'llmux generate --config " + cfg + " --role " + name + "'");
        }
        if (config != null) {
          throw new ConfigException("no model named '" + name + "' in " + cfg + "; its models: " + catalog.models().keySet());
        }
      }
      HttpPreset preset = HttpPreset.byName(name);
      String variable = keyVariable != null ? keyVariable : preset.keyVariable();
      Secret key = Secret.none();
      if (!variable.isEmpty()) {
        key = Secret.of(env.apply(variable), variable);
        if (keyVariable != null && !key.isPresent()) {
          throw new ConfigException("--api-key-env names " + keyVariable
              + ", which is not set or empty: export " + keyVariable + "=<your key>");
        }
      }
      if (timeoutSeconds < 1) {
        throw new ConfigException("--timeout is " + timeoutSeconds + ": give at least 1 second");
      }
      Duration t = Duration.ofSeconds(timeoutSeconds);
      HttpBackendSpec.Builder b = HttpBackendSpec.builder(preset.configName(), preset, model == null ? "(first listed)" : model)
          .apiKey(key)
          .timeouts(new HttpTimeouts(t.compareTo(Duration.ofSeconds(10)) < 0 ? t : Duration.ofSeconds(10), t, t, t))
          .retry(RetrySettings.DEFAULTS.withMaxAttempts(2).withMaxRetryAfter(Duration.ofSeconds(5)));
      if (baseUrl != null) {
        try {
          b.baseUrl(new URI(baseUrl));
        } catch (URISyntaxException e) {
          throw new ConfigException("--base-url '" + baseUrl + "' is not a URL: give one such as "
              + preset.baseUrl());
        }
      }
      return b.build();
    }

    private static String describe(ProviderCheck.Verdict verdict) {
      return switch (verdict) {
        case UNAVAILABLE -> "the server is unreachable";
        case MISCONFIGURED -> "the config, key or model is wrong";
        default -> "the provider did not answer properly";
      };
    }

    private static String toJson(ProviderCheck.Report report) throws Exception {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = m.createObjectNode();
      root.put("provider", report.preset()).put("baseUrl", report.baseUrl()).put("model", report.model())
          .put("ok", report.ok()).put("exitStatus", ExitCodes.of(report.verdict()));
      ArrayNode checks = root.putArray("checks");
      for (ProviderCheck.Result r : report.results()) {
        checks.addObject().put("check", r.check()).put("status", r.status().name()).put("detail", r.detail());
      }
      return m.writeValueAsString(root);
    }
  }
}
