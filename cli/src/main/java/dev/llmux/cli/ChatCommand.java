package dev.llmux.cli;

import dev.llmux.engine.Backend;
import dev.llmux.engine.Cancellation;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.Message;
import dev.llmux.engine.StopReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

/** {@code llmux chat}: an interactive conversation that keeps its history. */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Talks with a model, keeping the conversation's history.",
        "Ctrl-C stops the current answer and returns to the prompt; Ctrl-C at the prompt, Ctrl-D or /exit leaves.",
        "Commands: /reset forgets the history, /stats toggles timing figures, /exit leaves."})
final class ChatCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ModelOptions models;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system message that starts the conversation.")
  String system;

  @Option(names = {"-n", "--max-tokens"}, paramLabel = "N", defaultValue = "512", description = "Most tokens per answer (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--stats", description = "Print timing figures after each answer.")
  boolean stats;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AtomicReference<Cancellation> current = new AtomicReference<>();
    boolean interactive = System.console() != null;
    Signal.handle(new Signal("INT"), sig -> {
      Cancellation c = current.get();
      if (c != null) {
        c.cancel();
      } else {
        out.println();
        out.flush();
        System.exit(130);
      }
    });
    Backend backend = models.open(err);
    try {
      List<Message> history = new ArrayList<>();
      if (system != null) {
        history.add(Message.system(system));
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (true) {
        if (interactive) {
          out.print("> ");
          out.flush();
        }
        String line = in.readLine();
        if (line == null || line.strip().equals("/exit")) {
          break;
        }
        if (line.isBlank()) {
          continue;
        }
        if (line.strip().equals("/reset")) {
          history.removeIf(m -> m.role() != dev.llmux.engine.Role.SYSTEM);
          out.println("(history cleared)");
          continue;
        }
        if (line.strip().equals("/stats")) {
          stats = !stats;
          out.println("(stats " + (stats ? "on" : "off") + ")");
          continue;
        }
        history.add(Message.user(line));
        Cancellation cancel = new Cancellation();
        current.set(cancel);
        ModelOptions.Answer answer;
        try {
          answer = models.ask(backend, ChatRequest.builder().messages(history).maxTokens(maxTokens)
              .temperature(temperature).cancellation(cancel).build(), piece -> {
                out.print(piece);
                out.flush();
              });
        } finally {
          current.set(null);
        }
        ChatResponse r = answer.response();
        out.println(r.stopReason() == StopReason.CANCELLED ? " [stopped]" : "");
        history.add(Message.assistant(r.text()));
        if (stats) {
          GenerateCommand.printStats(out, answer, models);
        }
        out.flush();
      }
      return 0;
    } finally {
      models.close(backend);
    }
  }
}
