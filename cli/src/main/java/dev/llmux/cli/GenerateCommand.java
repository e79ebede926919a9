package dev.llmux.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.TokenListener;
import dev.llmux.router.RoutedBackend;
import dev.llmux.router.policy.StateSpace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmux generate}: streams one answer to stdout. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Streams one answer from a model to stdout.",
        "The prompt is the arguments or --prompt; without either, standard input is read to its end when it is",
        "not a terminal (a pipe or a file; '-' reads it too). On a terminal without a prompt, generate prints this",
        "usage and exits 2: there is no built-in prompt. The prompt is sent as a user message in the model's",
        "chat template unless --raw is given. A catalog role naming several models, or --router, routes",
        "the request (--stats and --json say how).",
        "Exit status: 0 ok, 1 failed, 2 bad input (bad model file, bad option), 3 model unavailable."})
final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ModelOptions models;

  @Parameters(paramLabel = "PROMPT", arity = "0..*", description = "The prompt; '-' or none reads standard input (not a terminal).")
  List<String> words;

  @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "The prompt (instead of arguments).")
  String prompt;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system message.")
  String system;

  @Option(names = "--raw", description = "Send the prompt as it is, without the chat template.")
  boolean raw;

  @Option(names = {"-n", "--max-tokens"}, paramLabel = "N", defaultValue = "128", description = "Most tokens to produce (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", description = "Sampling temperature; 0 is greedy (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--top-p", paramLabel = "P", defaultValue = "0.95", description = "Nucleus sampling (default: ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "40", description = "Top-k sampling, 0 = off (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when this text appears (repeatable).")
  List<String> stop = List.of();

  @Option(names = "--json-schema", paramLabel = "FILE", description = "Constrain the answer to this JSON Schema.")
  Path schema;

  @Option(names = "--ignore-eos", description = "Keep going past the end-of-sequence token until --max-tokens.")
  boolean ignoreEos;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop the answer after this many seconds.")
  Double timeout;

  @Option(names = "--stats", description = "Print token counts and timing figures after the answer.")
  boolean stats;

  @Option(names = "--json", description = "Print one JSON object (text, stop reason, usage, timings, and each backend's"
      + " share in \"parts\") instead of streaming.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text = promptText();
    ChatRequest.Builder rb = ChatRequest.builder().maxTokens(maxTokens).temperature(temperature).topP(topP).topK(topK)
        .seed(seed).stop(stop.toArray(new String[0])).ignoreEos(ignoreEos);
    if (raw) {
      if (system != null) {
        throw new InvalidRequestException("--system cannot be used with --raw: put the system text into the prompt");
      }
      rb.rawPrompt(text);
    } else {
      if (system != null) {
        rb.system(system);
      }
      rb.user(text);
    }
    if (schema != null) {
      rb.jsonSchema(CliSupport.readJsonSchema(schema));
    }
    if (timeout != null) {
      rb.timeout(Duration.ofMillis((long) (timeout * 1000)));
    }
    ChatRequest request = rb.build();
    Backend backend = models.open(err);
    try {
      TokenListener listener = json ? TokenListener.NONE : piece -> {
        out.print(piece);
        out.flush();
      };
      ModelOptions.Answer answer = models.ask(backend, request, listener);
      ChatResponse r = answer.response();
      if (json) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode node = m.valueToTree(r);
        node.put("synthetic", models.synthetic(r));
        if (answer.routed() != null) {
          RoutedBackend.Routed routed = answer.routed();
          ObjectNode n = node.putObject("routed");
          n.put("by", backend.name());
          n.put("policy", models.routed().orElseThrow().router().policy().name());
          n.put("decision", routed.decision().backend());
          n.put("reason", routed.decision().reason());
          n.put("probability", routed.decision().probability());
          n.put("difficulty", StateSpace.difficulty(StateSpace.requestOf(routed.decision().state())).name());
          routed.failed().forEach(n.putArray("failed")::add);
        }
        out.println(m.writeValueAsString(node));
      } else {
        out.println();
        if (stats) {
          printStats(out, answer, models);
        }
      }
      out.flush();
      return 0;
    } finally {
      models.close(backend);
    }
  }

  /** Prints the answer's figures, and how it was routed when it was. */
  static void printStats(PrintWriter out, ModelOptions.Answer answer, ModelOptions models) {
    ChatResponse r = answer.response();
    boolean synthetic = models.synthetic(r);
    out.printf("--- %s%s ---%n", r.backend(), synthetic ? " (synthetic: real speed, noise text)" : "");
    if (answer.routed() != null) {
      RoutedBackend.Routed routed = answer.routed();
      out.printf("routed:              %s by %s (%s)%s%n", routed.decision().backend(),
          models.routed().orElseThrow().router().policy().name(), routed.decision().reason(),
          routed.failed().isEmpty() ? "" : ", after " + String.join(", ", routed.failed()) + " failed");
      out.printf("routed as:           %s difficulty (estimated from the prompt)%n",
          StateSpace.difficulty(StateSpace.requestOf(routed.decision().state())).name().toLowerCase(java.util.Locale.ROOT));
    }
    out.printf("prompt tokens:       %d%n", r.usage().promptTokens());
    out.printf("completion tokens:   %d%n", r.usage().completionTokens());
    out.printf("time to first token: %.1f ms%n", r.timings().timeToFirstTokenMillis());
    out.printf("decode speed:        %.2f tokens/s%n", r.timings().decodeTokensPerSecond());
    out.printf("total time:          %.1f ms%n", r.timings().totalMillis());
    out.printf("stop reason:         %s%n", r.stopReason().name().toLowerCase(java.util.Locale.ROOT));
    if (r.parts().size() > 1) {
      out.println("per backend (the figures above are their sum, timed from the request):");
      for (ChatResponse.Part p : r.parts()) {
        out.printf("  %s: %d prompt + %d completion tokens, first token %.1f ms, %.2f tokens/s, total %.1f ms%n",
            p.backend(), p.usage().promptTokens(), p.usage().completionTokens(), p.timings().timeToFirstTokenMillis(),
            p.timings().decodeTokensPerSecond(), p.timings().totalMillis());
      }
    }
  }

  private String promptText() throws IOException {
    String text;
    if (prompt != null) {
      if (words != null && !words.isEmpty()) {
        throw new InvalidRequestException("give the prompt either with --prompt or as arguments, not both");
      }
      text = prompt;
    } else if (words != null && words.size() == 1 && words.get(0).equals("-")) {
      text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    } else if (words != null && !words.isEmpty()) {
      text = String.join(" ", words);
    } else if (!Terminals.stdinIsTerminal()) {
      text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    } else {
      spec.commandLine().usage(spec.commandLine().getErr());
      throw new UsageException("no prompt: give it as arguments, with --prompt, or on standard input"
          + " (echo TEXT | llmux generate ...)");
    }
    if (text.isBlank()) {
      throw new InvalidRequestException("the prompt is empty: give some text to answer");
    }
    return text;
  }
}
