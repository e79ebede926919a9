package dev.llmux.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.router.text.DifficultyEstimate;
import dev.llmux.router.text.DifficultyHead;
import dev.llmux.router.text.OnnxTextEncoder;
import dev.llmux.router.text.TextFacts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmux router estimate}: the difficulty estimate the router would use for a text. */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Print the difficulty the router estimates for a text (all-MiniLM-L6-v2 through ONNX Runtime,"
        + " then the trained difficulty head): each class's calibrated probability and the state it routes to"
        + " (UNKNOWN when unsure).",
        "The text is the argument, --file FILE, or stdin."})
final class RouterEstimateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "The text (else --file, else stdin).")
  String text;

  @Option(names = "--file", paramLabel = "FILE", description = "Read the text from FILE.")
  Path file;

  @Option(names = "--json", description = "One JSON object instead of lines.")
  boolean json;

  @Option(names = "--estimator", paramLabel = "FILE",
      description = "A difficulty head written by `router estimator-train` (default: the bundled one).")
  Path estimator;

  @Option(names = "--onnx-model", paramLabel = "FILE", description = "Another all-MiniLM-L6-v2 ONNX file (default: the bundled one).")
  Path model;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "ONNX intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws IOException {
    String input = text;
    if (input == null && file != null) {
      if (!Files.isRegularFile(file)) {
        throw new UsageException("--file " + file + " does not exist: give a readable text file");
      }
      input = Files.readString(file);
    } else if (input == null) {
      if (System.console() != null) {
        throw new UsageException("no text: give it as the argument, with --file, or on stdin");
      }
      input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (input.isBlank()) {
      throw new UsageException("the text is empty: give a request's text to estimate");
    }
    if (threads < 1) {
      throw new UsageException("--threads is " + threads + ": use 1 or more");
    }
    DifficultyHead head = estimator == null ? DifficultyHead.bundled() : DifficultyHead.read(estimator);
    DifficultyEstimate e;
    int tokens;
    try (OnnxTextEncoder encoder = OnnxTextEncoder.open(new OnnxTextEncoder.Options(model, null, threads,
        head.maxTokens()))) {
      tokens = encoder.tokenIds(input).length;
      e = head.estimate(encoder.embed(input), TextFacts.of(input));
    }
    TextFacts facts = TextFacts.of(input);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode o = m.createObjectNode();
      o.put("difficulty", e.routed().name()).put("likeliest", e.likeliest().name()).put("confidence", e.confidence());
      o.putObject("probabilities").put("EASY", e.easy()).put("MEDIUM", e.medium()).put("HARD", e.hard());
      o.put("unsureBelow", head.unsureBelow()).put("tokens", tokens).put("chars", facts.chars())
          .put("codeBlock", facts.codeBlock()).put("testOutput", facts.testOutput()).put("language", facts.language());
      out.println(m.writeValueAsString(o));
    } else {
      out.println("difficulty " + e.routed().name().toLowerCase(Locale.ROOT)
          + (e.routed() == e.likeliest() ? "" : " (unsure: likeliest " + e.likeliest().name().toLowerCase(Locale.ROOT)
          + String.format(Locale.ROOT, " at %.2f, threshold %.2f)", e.confidence(), head.unsureBelow())));
      out.printf(Locale.ROOT, "easy %.3f  medium %.3f  hard %.3f%n", e.easy(), e.medium(), e.hard());
      out.printf(Locale.ROOT, "%d tokens encoded, %d chars, code block %s, test output %s, language %s%n", tokens,
          facts.chars(), facts.codeBlock() ? "yes" : "no", facts.testOutput() ? "yes" : "no",
          facts.language().isEmpty() ? "unclear" : facts.language());
    }
    out.flush();
    return 0;
  }
}
