package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmux.agent.tools.ToolCallParser;
import dev.llmux.agent.tools.Tools;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelEntry;
import dev.llmux.engine.catalog.RemoteModels;
import dev.llmux.engine.testing.TestModels;
import dev.llmux.router.sim.Scenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every example in {@code README.md}, {@code docs/*.md} and {@code models/README.md} runs, or says
 * why it cannot, so that the docs cannot drift from the code.
 *
 * <p>A fenced block is an example when it holds commands, JSON or Java. Commands ({@code llmux ...}
 * or {@code ./llmux ...}, chained with {@code &&}) run in-process with fast options added (a tiny
 * model, few episodes, mock latencies of 0; see {@link #FAST}) in a folder of the block's own: files
 * a command writes go there, so a block's commands can use each other's files, and a relative path
 * that is not there is read from the repository (tasks, models) when it exists; {@code ./mvnw} commands are what built this test and are not
 * run again. JSON holding {@code "models"} (or a catalog entry {@code "name": {...}}) is read with
 * the catalog reader, its HTTP models made into specs; a profiles file is read by the simulator; a
 * tool call is parsed by the agent's parser. Any other example must be preceded by a line {@code
 * <!-- not run: REASON -->}. Blocks without commands, JSON or Java (sample output, diagrams,
 * layouts) are not examples.
 */
final class DocExamplesTest {

  private static final Pattern NOT_RUN = Pattern.compile("<!--\\s*not run:\\s*(\\S.*?)\\s*-->");
  private static final String TINY = TestModels.tiny().toString();

  /** Options added to documented commands so that they run in seconds, by command. */
  private static final Map<String, List<String>> FAST = Map.of(
      "models synth", List.of("--preset", "tiny", "--out-dir", "synthetic/"),
      "generate", List.of("--model", TINY, "-n", "4"),
      "router train", List.of("--episodes", "300"),
      "router eval", List.of("--episodes", "300", "--eval-episodes", "50"),
      "agent run", List.of("--mock-latency-scale", "0", "--max-steps", "3", "--trajectory", "llmux-trajectories/run.jsonl"),
      "agent bench", List.of("--mock-latency-scale", "0", "--only", "py-palindrome", "--trajectory",
          "llmux-trajectories/bench.jsonl"));

  /** Options whose file or folder a command writes: always in the block's folder, never in the repository. */
  private static final Set<String> WRITTEN =
      Set.of("--out", "-o", "--out-dir", "--trajectory", "--charts", "--policy");

  /** Arguments replaced before running: the default model's file by the tiny model. */
  private static final Map<String, String> SUBSTITUTE = Map.of("models/synthetic/qwen2.5-0.5b-q8_0.gguf", TINY);

  @TempDir Path tmp;

  /** One fenced block of a Markdown file. */
  record Block(Path file, int line, String info, String text, String notRun) {
    @Override
    public String toString() {
      return root().relativize(file) + ":" + line;
    }
  }

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !(Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("docs")))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static List<Path> files() throws IOException {
    Path root = root();
    List<Path> files = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("models/README.md")));
    try (DirectoryStream<Path> docs = Files.newDirectoryStream(root.resolve("docs"), "*.md")) {
      docs.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  static List<Block> blocks(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!l.startsWith("```")) {
        continue;
      }
      String info = l.substring(3).strip();
      String marker = null;
      for (int k = i - 1; k >= 0; k--) {
        if (!lines.get(k).isBlank()) {
          Matcher m = NOT_RUN.matcher(lines.get(k));
          marker = m.find() ? m.group(1) : null;
          break;
        }
      }
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).startsWith("```")) {
        text.append(lines.get(j)).append('\n');
        j++;
      }
      blocks.add(new Block(file, i + 1, info, text.toString(), marker));
      i = j;
    }
    return blocks;
  }

  @TestFactory
  Stream<DynamicTest> everyExample_runsOrSaysWhyNot() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files()) {
      for (Block b : blocks(f)) {
        tests.add(DynamicTest.dynamicTest(b.toString(), () -> check(b)));
      }
    }
    assertFalse(tests.isEmpty());
    return tests.stream();
  }

  private void check(Block b) throws Exception {
    if (b.notRun() != null) {
      return; // Says why it cannot run here.
    }
    String why = "; if it cannot run here, put <!-- not run: REASON --> on the line before it";
    switch (b.info()) {
      case "java" -> fail(b + ": a Java snippet cannot run here" + why);
      case "json", "jsonc" -> json(b, why);
      default -> commands(b, why);
    }
  }

  private static void json(Block b, String why) {
    String text = b.text().strip();
    Function<String, String> env = name -> "test-" + name;
    if (text.startsWith("\"")) {
      text = "{\"models\": {" + text + "}}"; // One catalog entry.
    }
    if (text.contains("\"" + Scenarios.FORMAT + "\"")) {
      assertTrue(Scenarios.parse(text, b.toString()).backends().size() > 0, b.toString());
    } else if (text.contains("\"models\"")) {
      Catalog catalog = Catalog.parse(text, root().resolve("models/llmux.json"), env);
      dev.llmux.agent.mcp.McpServerSpec.parse(text, root().resolve("models/llmux.json"), env);
      for (ModelEntry e : catalog.models().values()) {
        if (e instanceof ModelEntry.Remote r) {
          RemoteModels.spec(catalog, r, env);
        }
      }
    } else if (text.contains("\"tool\"")) {
      assertInstanceOf(ToolCallParser.Valid.class, new ToolCallParser(Tools.standard()).parse(text), b.toString());
    } else {
      fail(b + ": JSON that is neither a catalog, a profiles file nor a tool call" + why);
    }
  }

  private void commands(Block b, String why) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(b.file().getFileName() + "-" + b.line()));
    for (String line : b.text().replace("\\\n", " ").split("\n")) {
      List<String> words = words(line);
      if (words.isEmpty() || !command(words.get(0))) {
        continue; // Output or a layout, not a command.
      }
      for (List<String> c : split(words)) {
        String head = c.get(0);
        if (head.equals("./mvnw")) {
          continue; // The build that runs this test.
        } else if (head.equals("mkdir") && c.size() == 3 && c.get(1).equals("-p")) {
          Files.createDirectories(c.get(2).startsWith("/") ? Path.of(c.get(2)) : dir.resolve(c.get(2)));
        } else if (head.equals("llmux") || head.equals("./llmux")) {
          llmux(b, c.subList(1, c.size()), dir, why);
        } else {
          fail(b + ": '" + String.join(" ", c) + "' cannot run in a test" + why);
        }
      }
    }
  }

  private static boolean command(String word) {
    return word.equals("llmux") || word.startsWith("./") || word.equals("java") || word.equals("mkdir")
        || word.endsWith(".sh") || word.matches("[A-Z_]+=.*");
  }

  private void llmux(Block b, List<String> documented, Path dir, String why) {
    for (String a : documented) {
      if (a.contains("[") || a.contains("|") || a.matches("[A-Z][A-Z_]*")) {
        fail(b + ": '" + String.join(" ", documented) + "' is a synopsis, not a command" + why);
      }
    }
    CommandLine parsed = LlmuxCommand.commandLine();
    parsed.parseArgs(documented.toArray(new String[0])); // As written: every name and option exists.
    List<String> args = new ArrayList<>();
    String previous = "";
    for (String a : documented) {
      String value = SUBSTITUTE.getOrDefault(a, a);
      args.addAll(WRITTEN.contains(previous) ? List.of(dir.resolve(value).toString()) : resolve(value, dir));
      previous = a;
    }
    String name = names(documented);
    List<String> fast = FAST.getOrDefault(name, List.of());
    for (String a : fast) {
      args.addAll(a.startsWith("-") || a.equals(TINY) ? List.of(a) : resolve(a, dir));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = LlmuxCommand.commandLine();
    cl.setOverwrittenOptionsAllowed(true);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args.toArray(new String[0]));
    boolean jobMayFail = name.startsWith("agent run") || name.startsWith("agent bench");
    assertTrue(status == 0 || (jobMayFail && status == 1),
        b + ": 'llmux " + String.join(" ", documented) + "' (run as " + args + ") exited " + status + "\n" + out + err);
  }

  /** The command's subcommand names ("agent run"), the words before its first option or argument. */
  private static String names(List<String> args) {
    CommandLine cl = LlmuxCommand.commandLine();
    List<String> names = new ArrayList<>();
    for (String a : args) {
      CommandLine sub = cl.getSubcommands().get(a);
      if (sub == null) {
        break;
      }
      names.add(a);
      cl = sub;
    }
    return String.join(" ", names);
  }

  /** A path argument, resolved as the class comment says; globs expanded in the block's folder. */
  private static List<String> resolve(String arg, Path dir) {
    if (arg.startsWith("-") || arg.startsWith("/") || !(arg.contains("/") || arg.matches(".*\\.(json|jsonl|gguf|md)"))) {
      return List.of(arg);
    }
    if (arg.contains("*")) {
      Path folder = dir.resolve(arg).getParent();
      List<String> matches = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, Path.of(arg).getFileName().toString())) {
        s.forEach(p -> matches.add(p.toString()));
      } catch (IOException e) {
        fail("glob " + arg + " in " + folder + ": " + e);
      }
      assertFalse(matches.isEmpty(), "glob " + arg + " matches nothing in " + folder);
      matches.sort(null);
      return matches;
    }
    // A file an earlier command of the block wrote, else one of the repository (read only), else new.
    Path inRepo = root().resolve(arg);
    return List.of(Files.exists(dir.resolve(arg)) || !Files.exists(inRepo) ? dir.resolve(arg).toString() : inRepo.toString());
  }

  /** Shell words of one line: quotes removed, a {@code #} comment dropped. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        w = w == null ? new StringBuilder() : w;
      } else if (Character.isWhitespace(c)) {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
      } else if (c == '#' && w == null) {
        break;
      } else {
        w = w == null ? new StringBuilder() : w;
        w.append(c);
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    return words;
  }

  private static List<List<String>> split(List<String> words) {
    List<List<String>> commands = new ArrayList<>();
    List<String> c = new ArrayList<>();
    for (String w : words) {
      if (w.equals("&&")) {
        commands.add(c);
        c = new ArrayList<>();
      } else {
        c.add(w);
      }
    }
    commands.add(c);
    return commands;
  }

  @Test
  void words_quotesAndComments_areShellLike() {
    assertEquals(List.of("llmux", "sandbox", "run", "--", "python3", "-c", "print(1)"),
        words("llmux sandbox run -- python3 -c 'print(1)'  # sandboxed"));
    assertEquals(List.of("a", "b c"), words("a \"b c\""));
  }
}
