package dev.llmux.agent.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.agent.SimulatedBackend;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.LiveStats;
import dev.llmux.engine.Message;
import dev.llmux.engine.Role;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Timings;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * [MOCK] A scripted backend for one workflow role, not a model. It finds the task by the {@code
 * Task: NAME} line of the prompt and answers in the role's JSON:
 * <ul>
 *   <li>{@link Kind#REVIEWER}: compares each solution file shown ({@code === file: PATH ===}) with
 *       the task's reference; a file that differs (a planted bug) is found with the tier's success
 *       probability for the task's difficulty ({@code changes}, naming the first differing line),
 *       and missed otherwise ({@code approve}); a correct solution is approved.
 *   <li>{@link Kind#TESTER}: replays the task's own first test file as its extra tests (a mock
 *       cannot write tests from a spec).
 *   <li>{@link Kind#SUPERVISOR}: switches to the last (strongest) backend after two or more invalid
 *       answers, hints to read the test output after two writes with failing tests, else continues.
 *   <li>{@link Kind#RESEARCH}: a fixed sentence saying it knows nothing (plain text).
 *   <li>{@link Kind#PLANNER}: a two-step plan (write the solution files; run the tests and fix
 *       them), and a one-step plan (make the failing tests pass) when asked to revise.
 * </ul>
 */
final class MockRole implements Backend, SimulatedBackend {

  /** The role a mock plays. */
  enum Kind { REVIEWER, TESTER, PLANNER, SUPERVISOR, RESEARCH }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FILE = Pattern.compile("=== file: (.+?) ===\\n(.*?)\\n=== end of \\1 ===", Pattern.DOTALL);

  private final String name;
  private final Kind kind;
  private final MockTier tier;
  private final Map<String, Task> tasks;
  private final double latencyScale;
  private final Random random;
  private final LiveStats stats = new LiveStats();

  MockRole(String name, Kind kind, MockTier tier, Map<String, Task> tasks, long seed, double latencyScale) {
    this.name = name;
    this.kind = kind;
    this.tier = tier;
    this.tasks = Map.copyOf(tasks);
    this.latencyScale = latencyScale;
    this.random = new Random(seed ^ name.hashCode());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public BackendStats stats() {
    return stats.snapshot(BackendStats.Availability.AVAILABLE);
  }

  @Override
  public synchronized ChatResponse chat(ChatRequest request, TokenListener listener) {
    stats.started();
    long start = System.nanoTime();
    String user = request.messages().stream().filter(m -> m.role() == Role.USER).map(Message::content)
        .reduce((a, b) -> b).orElse("");
    Task task = tasks.get(user.lines().findFirst().orElse("").replaceFirst("^Task: ", "").strip());
    if (task == null && kind != Kind.RESEARCH) {
      throw new BackendException(name, "[MOCK] no known task in the prompt", false, null);
    }
    String text = switch (kind) {
      case RESEARCH -> "[MOCK] a scripted research role has no outside knowledge; the task's spec is the reference.";
      case REVIEWER -> review(task, user);
      case TESTER -> tests(task);
      case PLANNER -> plan(task, user);
      case SUPERVISOR -> supervise(user);
    };
    long sleepMillis = (long) (tier.latencySeconds() * latencyScale * 1000 * (0.75 + 0.5 * random.nextDouble()));
    if (sleepMillis > 0) {
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ChatResponse.of("", StopReason.CANCELLED, Usage.NONE, Timings.of(start, start, System.nanoTime(), 0), name);
      }
    }
    listener.onText(text);
    long end = System.nanoTime();
    Timings t = Timings.of(start, start + (end - start) / 3, end, Math.max(1, text.length() / 4));
    stats.succeeded(t);
    return ChatResponse.of(text, StopReason.END, new Usage(user.length() / 4, Math.max(1, text.length() / 4)), t, name);
  }

  private String review(Task task, String prompt) {
    ObjectNode n = JSON.createObjectNode();
    Matcher m = FILE.matcher(prompt);
    String finding = null;
    while (m.find() && finding == null) {
      String file = m.group(1);
      String shown = m.group(2).strip();
      String reference = Tasks.reference(task, file).strip();
      if (!shown.equals(reference)) {
        finding = firstDifference(file, shown, reference);
      }
    }
    boolean found = finding != null && random.nextDouble() < tier.success(task.difficulty());
    n.put("verdict", found ? "changes" : "approve");
    if (found) {
      n.putArray("findings").add(finding);
    } else {
      n.putArray("findings");
    }
    return n.toString();
  }

  private static String firstDifference(String file, String shown, String reference) {
    List<String> a = shown.lines().toList();
    List<String> b = reference.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "";
      if (i >= b.size() || !x.equals(b.get(i))) {
        return file + " line " + (i + 1) + " looks wrong: `" + x.strip() + "`";
      }
    }
    return file + " differs from what the spec asks";
  }

  private static String supervise(String state) {
    ObjectNode n = JSON.createObjectNode();
    Matcher invalid = Pattern.compile("invalid answers: (\\d+)").matcher(state);
    Matcher backends = Pattern.compile("Backends: \\[(.*)]").matcher(state);
    long writes = state.lines().filter(l -> l.matches("\\d+\\. write_file.*")).count();
    if (invalid.find() && Integer.parseInt(invalid.group(1)) >= 2 && backends.find()) {
      String[] names = backends.group(1).split(", ");
      n.put("action", "switch").put("text", names[names.length - 1]);
    } else if (writes >= 2 && failing(state)) {
      n.put("action", "hint").put("text", "the tests still fail: read the failing test's message before writing again");
    } else {
      n.put("action", "continue").put("text", "");
    }
    return n.toString();
  }

  /** Whether the state's test line says some tests fail ({@code Tests: passed 3/7}). */
  private static boolean failing(String state) {
    Matcher m = Pattern.compile("Tests: passed (\\d+)/(\\d+)").matcher(state);
    return m.find() && !m.group(1).equals(m.group(2));
  }

  private static String plan(Task task, String prompt) {
    ObjectNode n = JSON.createObjectNode();
    var steps = n.putArray("steps");
    if (prompt.contains("Revise the rest of the plan")) {
      steps.addObject().put("do", "make the failing tests pass").put("check", "all tests pass");
    } else {
      steps.addObject().put("do", "write " + String.join(", ", task.solutionFiles()) + " as the spec says")
          .put("check", "the files exist and no test that passed fails");
      steps.addObject().put("do", "run the tests and fix what fails").put("check", "all tests pass");
    }
    return n.toString();
  }

  private static String tests(Task task) {
    try (Stream<Path> files = Files.list(task.testsDir())) {
      Path first = files.filter(Files::isRegularFile).sorted().findFirst()
          .orElseThrow(() -> new BackendException("mock-tester", "[MOCK] the task has no test file to replay", false, null));
      ObjectNode n = JSON.createObjectNode();
      n.put("file", first.getFileName().toString());
      n.put("content", Files.readString(first));
      return n.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
