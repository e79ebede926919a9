package dev.llmux.agent.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.agent.AgentPrompts;
import dev.llmux.agent.SimulatedBackend;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.Message;
import dev.llmux.engine.Role;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Timings;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Usage;
import dev.llmux.engine.LiveStats;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A scripted backend that plays an agent without a model. It reads the task's name from the
 * conversation and answers with tool calls: write a solution (the reference with the tier's
 * probability for the task's difficulty, otherwise a plausible wrong one), run the tests, and
 * finish when they pass or after {@link MockTier#maxWrites()} solutions. With the tier's
 * invalid rate it answers with something that is not a valid call (prose, a code fence, an
 * unknown tool, a missing argument, two calls, or a call cut off at the token limit). It sleeps
 * for the tier's latency times a scale. Seeded: the same seed and the same sequence of requests
 * give the same answers.
 */
final class MockBackend implements Backend, SimulatedBackend {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockTier tier;
  private final Map<String, Task> tasks;
  private final double latencyScale;
  private final Random random;
  private final LiveStats stats = new LiveStats();
  private volatile boolean closed;

  /**
   * A mock backend.
   *
   * @param tier its behaviour
   * @param tasks the tasks it can solve, by name (it reads their reference solutions)
   * @param seed the seed of its random choices
   * @param latencyScale multiplies the tier's latency (0: answer at once)
   */
  MockBackend(MockTier tier, Map<String, Task> tasks, long seed, double latencyScale) {
    this.tier = tier;
    this.tasks = Map.copyOf(tasks);
    this.latencyScale = latencyScale;
    this.random = new Random(seed ^ tier.name().hashCode());
  }

  @Override
  public String name() {
    return tier.name();
  }

  /** This backend's tier. */
  public MockTier tier() {
    return tier;
  }

  @Override
  public BackendStats stats() {
    return stats.snapshot(closed ? BackendStats.Availability.UNAVAILABLE : BackendStats.Availability.AVAILABLE);
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public synchronized ChatResponse chat(ChatRequest request, TokenListener listener) {
    if (closed) {
      throw new BackendException(name(), "closed", false, null);
    }
    stats.started();
    long start = System.nanoTime();
    String text;
    StopReason stop = StopReason.END;
    boolean invalid = random.nextDouble() < tier.invalidRate();
    String intended = intendedAnswer(request.messages());
    if (invalid) {
      String[] bad = invalidAnswer(intended, request.maxTokens());
      text = bad[0];
      if (bad[1] != null) {
        stop = StopReason.LENGTH;
      }
    } else {
      text = intended;
      if (text.length() / 4 > request.maxTokens()) {
        text = text.substring(0, request.maxTokens() * 4);
        stop = StopReason.LENGTH;
      }
    }
    double latency = tier.latencySeconds() * latencyScale * (0.75 + 0.5 * random.nextDouble());
    StopReason waited = sleep(latency, request, start);
    if (waited != null) {
      text = "";
      stop = waited;
    }
    listener.onText(text);
    long end = System.nanoTime();
    int completion = Math.max(1, text.length() / 4);
    int prompt = 0;
    for (Message m : request.messages()) {
      prompt += m.content().length() / 4;
    }
    long first = start + (long) ((end - start) * 0.3);
    Timings t = Timings.of(start, first, end, completion);
    stats.succeeded(t);
    return ChatResponse.of(text, stop, new Usage(prompt, completion), t, name());
  }

  private static StopReason sleep(double seconds, ChatRequest request, long start) {
    long until = start + (long) (seconds * 1e9);
    long deadline = request.timeout() == null ? Long.MAX_VALUE : start + request.timeout().toNanos();
    while (System.nanoTime() < until) {
      if (request.cancellation().isCancelled() || Thread.currentThread().isInterrupted()) {
        return StopReason.CANCELLED;
      }
      if (System.nanoTime() >= deadline) {
        return StopReason.DEADLINE;
      }
      try {
        Thread.sleep(Math.max(1, Math.min(20, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return StopReason.CANCELLED;
      }
    }
    return null;
  }

  /** The call a competent scripted agent makes next, as JSON text. */
  private String intendedAnswer(List<Message> messages) {
    Task task = findTask(messages);
    if (task == null) {
      return new ToolCall("finish", Map.of("summary", "mock: no known task in the conversation")).toJson();
    }
    String lastTool = null;
    String lastObservation = "";
    int writes = 0;
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.role() == Role.ASSISTANT) {
        String tool = toolOf(m.content());
        if (tool != null && i + 1 < messages.size() && messages.get(i + 1).content().startsWith(AgentPrompts.OBSERVATION_PREFIX)) {
          lastTool = tool;
          lastObservation = messages.get(i + 1).content();
          if (tool.equals("write_file")) {
            writes++;
          }
        }
      } else if (m.role() == Role.USER && i == 1) {
        writes += countSummarisedWrites(m.content());
      }
    }
    if (lastTool == null) {
      return write(task, writes);
    }
    switch (lastTool) {
      case "write_file":
        return new ToolCall("run_tests", Map.of()).toJson();
      case "run_tests":
        if (lastObservation.contains("all tests passed")) {
          return new ToolCall("finish", Map.of("summary", "mock: tests pass")).toJson();
        }
        if (writes >= tier.maxWrites() * task.solutionFiles().size()) {
          return new ToolCall("finish", Map.of("summary", "mock: giving up after " + writes + " attempts")).toJson();
        }
        return write(task, writes);
      default:
        return write(task, writes);
    }
  }

  /** Writes the task's solution files in turn (the {@code writes}-th write is of file {@code writes mod count}). */
  private String write(Task task, int writes) {
    String file = task.solutionFiles().get(writes % task.solutionFiles().size());
    String reference = Tasks.reference(task, file);
    boolean right = random.nextDouble() < tier.success(task.difficulty());
    String content = right ? reference : WrongSolutions.mutate(reference, random);
    return new ToolCall("write_file", Map.of("path", file, "content", content)).toJson();
  }

  /** Returns {text, non-null when cut off}. */
  private String[] invalidAnswer(String intended, int maxTokens) {
    switch (random.nextInt(6)) {
      case 0:
        return new String[] {"Sure! I will look at the files first and then write the solution.", null};
      case 1:
        return new String[] {"```json\n" + intended + "\n```", null};
      case 2:
        return new String[] {"{\"tool\": \"run_shell\", \"args\": {\"command\": \"python3 -m pytest\"}}", null};
      case 3:
        return new String[] {"{\"tool\": \"write_file\", \"args\": {\"path\": \"notes.txt\"}}", null};
      case 4:
        return new String[] {intended + "\n" + new ToolCall("run_tests", Map.of()).toJson(), null};
      default:
        int cut = Math.max(1, Math.min(intended.length() / 2, maxTokens * 4));
        return new String[] {intended.substring(0, cut), "cut"};
    }
  }

  private Task findTask(List<Message> messages) {
    for (Message m : messages) {
      if (m.role() == Role.USER && m.content().startsWith(AgentPrompts.TASK_PREFIX)) {
        String first = m.content().lines().findFirst().orElse("");
        return tasks.get(first.substring(AgentPrompts.TASK_PREFIX.length()).strip());
      }
    }
    return null;
  }

  private static int countSummarisedWrites(String intro) {
    int n = 0;
    for (String line : intro.split("\n")) {
      if (line.matches("\\d+\\. write_file .*")) {
        n++;
      }
    }
    return n;
  }

  private static String toolOf(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return n != null && n.has("tool") ? n.get("tool").asText() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
