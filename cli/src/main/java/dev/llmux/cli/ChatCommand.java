package dev.llmux.cli;

import dev.llmux.engine.Backend;
import dev.llmux.engine.Cancellation;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.context.Compaction;
import dev.llmux.engine.context.ContextCompactor;
import dev.llmux.engine.Message;
import dev.llmux.engine.Role;
import dev.llmux.engine.StopReason;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

/**
 * {@code llmux chat}: an interactive conversation that keeps its history. Lines are read with
 * JLine: on a terminal with line editing and history, elsewhere (a pipe, a file, a test) through a
 * dumb terminal that echoes nothing.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Talks with a model, keeping the conversation's history.",
        "On a terminal the prompt has line editing and history (arrow keys, Ctrl-R); without a terminal the lines",
        "are read from stdin as they come.",
        "Ctrl-C stops the current answer and returns to the prompt; Ctrl-C at the prompt, Ctrl-D or /exit leaves.",
        "Commands (handled by llmux, never sent to the model): " + ChatCommand.COMMANDS,
        "Any other line starting with '/' is refused as an unknown command; start a message with '//' to send it",
        "with one '/'.",
        "When the history would fill more than 70% of the model's context, older turns are replaced by a marked",
        "summary (by the catalog's summarizer role, else the model itself; dropped with a note if both fail).",
        "Each session draws a random sampling seed (shown by /stats) unless --seed is given; each turn uses the",
        "session's seed plus the turn's number."})
final class ChatCommand implements Callable<Integer> {

  /** The chat commands, as /help lists them. */
  static final String COMMANDS = "/help lists the commands, /reset forgets the history, /stats toggles timing"
      + " figures, /exit leaves.";

  /** The exit status after Ctrl-C at the prompt (128 + SIGINT, as shells report it). */
  static final int INTERRUPTED = 130;

  @Spec CommandSpec spec;
  @Mixin ModelOptions models;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system message that starts the conversation.")
  String system;

  @Option(names = {"-n", "--max-tokens"}, paramLabel = "N", defaultValue = "512", description = "Most tokens per answer (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--seed", paramLabel = "N",
      description = "Sampling seed of the session, for a conversation that can be replayed (default: random per session).")
  Long seed;

  @Option(names = "--stop", paramLabel = "TEXT", description = "Stop each answer when this text appears (repeatable).")
  List<String> stop = List.of();

  @Option(names = "--json-schema", paramLabel = "FILE", description = "Constrain every answer to this JSON Schema.")
  Path schema;

  @Option(names = "--stats", description = "Print timing figures after each answer.")
  boolean stats;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String schemaText = schema == null ? null : CliSupport.readJsonSchema(schema);
    long sessionSeed = seed != null ? seed : new SecureRandom().nextLong();
    AtomicReference<Cancellation> current = new AtomicReference<>();
    boolean interactive = Terminals.interactive();
    Backend backend = models.open(err);
    ContextCompactor compactor = models.compactor(backend);
    try (Terminal terminal = terminal(interactive)) {
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("llmux")
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .option(LineReader.Option.INSERT_TAB, true)
          .build();
      List<Message> history = new ArrayList<>();
      if (system != null) {
        history.add(Message.system(system));
      }
      int turn = 0;
      while (true) {
        String line;
        try {
          line = reader.readLine(interactive ? "> " : "");
        } catch (EndOfFileException e) {
          if (interactive) {
            out.println();
            out.flush();
          }
          break;
        } catch (UserInterruptException e) {
          out.println();
          out.flush();
          return INTERRUPTED;
        }
        String command = line.strip();
        if (command.isEmpty()) {
          continue;
        }
        if (command.startsWith("/") && !command.startsWith("//")) {
          switch (command) {
            case "/exit" -> {
              return 0;
            }
            case "/help" -> out.println(COMMANDS + " Start a message with '//' to send one starting with '/'.");
            case "/reset" -> {
              history.removeIf(m -> m.role() != Role.SYSTEM);
              out.println("(history cleared)");
            }
            case "/stats" -> {
              stats = !stats;
              out.println("(stats " + (stats ? "on" : "off") + ")");
            }
            default -> out.println("unknown command " + command.split("\\s+")[0] + ": /help lists them");
          }
          out.flush();
          continue;
        }
        String text = command.startsWith("//") ? line.substring(line.indexOf('/') + 1) : line;
        history.add(Message.user(text));
        try {
          Compaction fit = compactor.fit(history, maxTokens);
          if (fit.compacted()) {
            history.clear();
            history.addAll(fit.messages());
            err.println("(history compacted: " + fit.describe() + ")");
            err.flush();
          }
        } catch (InvalidRequestException e) {
          history.remove(history.size() - 1);
          err.println("llmux: error: " + e.getMessage());
          err.flush();
          continue;
        }
        Cancellation cancel = new Cancellation();
        current.set(cancel);
        onInterrupt(current, out);
        ChatRequest.Builder request = ChatRequest.builder().messages(history).maxTokens(maxTokens)
            .temperature(temperature).seed(sessionSeed + turn).stop(stop.toArray(new String[0])).cancellation(cancel);
        if (schemaText != null) {
          request.jsonSchema(schemaText);
        }
        turn++;
        ModelOptions.Answer answer;
        try {
          answer = models.ask(backend, request.build(), piece -> {
            out.print(piece);
            out.flush();
          });
        } catch (RuntimeException e) {
          history.remove(history.size() - 1);
          throw e;
        } finally {
          current.set(null);
        }
        ChatResponse r = answer.response();
        out.println(r.stopReason() == StopReason.CANCELLED ? " [stopped]" : "");
        history.add(Message.assistant(r.text()));
        if (stats) {
          GenerateCommand.printStats(out, answer, models);
          out.printf("seed:                %d (session %d, turn %d)%n", sessionSeed + turn - 1, sessionSeed, turn);
        }
        out.flush();
      }
      return 0;
    } finally {
      models.close(backend);
    }
  }

  /**
   * The terminal lines are read from: the system's on a terminal, else a dumb one over stdin that
   * writes nothing (no prompt, no echo), so piped input works and the answers alone reach stdout.
   */
  private static Terminal terminal(boolean interactive) throws IOException {
    if (interactive) {
      return TerminalBuilder.builder().system(true).dumb(true).encoding(StandardCharsets.UTF_8).build();
    }
    return new DumbTerminal("llmux", Terminal.TYPE_DUMB, System.in, OutputStream.nullOutputStream(),
        StandardCharsets.UTF_8);
  }

  /**
   * Makes Ctrl-C cancel the current answer (installed before each answer, since the line reader
   * handles Ctrl-C at the prompt itself); with no answer running, it leaves with status 130.
   */
  private static void onInterrupt(AtomicReference<Cancellation> current, PrintWriter out) {
    Signal.handle(new Signal("INT"), sig -> {
      Cancellation c = current.get();
      if (c != null) {
        c.cancel();
      } else {
        out.println();
        out.flush();
        System.exit(INTERRUPTED);
      }
    });
  }
}
