package dev.llmux.agent;

import dev.llmux.agent.task.Task;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.agent.tools.ToolSet;
import dev.llmux.engine.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's prompts: builds the conversation sent at each step: a system message with the rules and the tool
 * schema in words, the task, a one-line summary of older steps, the recent steps in full
 * (the call, then its observation) and, within a step, the invalid answers with their
 * corrective messages.
 */
public final class AgentPrompts {

  /** The first line of the task message starts with this, followed by the task's name. */
  public static final String TASK_PREFIX = "Task: ";

  /** An observation message starts with this, followed by the tool's name and a colon. */
  public static final String OBSERVATION_PREFIX = "Observation from ";

  /** A corrective message after an invalid answer starts with this. */
  public static final String INVALID_PREFIX = "Invalid answer: ";

  /**
   * One executed step as the model saw it.
   *
   * @param call the tool call
   * @param observation the observation it produced
   */
  record Exchange(ToolCall call, String observation) {}

  private final ToolSet tools;
  private final int historySteps;
  private final int observationChars;

  /** A prompt builder for these tools, showing {@code historySteps} recent steps in full. */
  AgentPrompts(ToolSet tools, int historySteps, int observationChars) {
    this.tools = tools;
    this.historySteps = historySteps;
    this.observationChars = observationChars;
  }

  /** The system message: role, rules and the tools. */
  String system() {
    return "You are a programming agent. You solve a task by calling tools in a workspace, one tool call per turn; "
        + "after each call you see its result.\n"
        + "Write complete files (write_file replaces the whole file). Run the tests with run_tests. "
        + "When all tests pass, call finish. Do not modify the tests: they are replaced by pristine copies before each run.\n\n"
        + tools.describe();
  }

  /**
   * The conversation for the next call.
   *
   * @param task the task
   * @param initialFiles the workspace listing at the start
   * @param history the executed steps so far, oldest first
   * @param reasks the invalid answers of the current step and their corrective messages, in order
   */
  List<Message> build(Task task, List<String> initialFiles, List<Exchange> history, List<Message> reasks) {
    List<Message> out = new ArrayList<>();
    out.add(Message.system(system()));
    StringBuilder intro = new StringBuilder();
    intro.append(TASK_PREFIX).append(task.name()).append('\n');
    intro.append("Language: ").append(task.language().id()).append("; difficulty: ")
        .append(task.difficulty().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
    intro.append("Write: ").append(String.join(", ", task.solutionFiles())).append("\n\n");
    intro.append(task.spec()).append("\n\n");
    intro.append("Files in the workspace:\n").append(initialFiles.isEmpty() ? "(none)" : String.join("\n", initialFiles));
    int firstShown = Math.max(0, history.size() - historySteps);
    if (firstShown > 0) {
      intro.append("\n\nEarlier steps (summarised):");
      for (int i = 0; i < firstShown; i++) {
        Exchange e = history.get(i);
        intro.append("\n").append(i + 1).append(". ").append(e.call().brief()).append(" -> ").append(firstLine(e.observation()));
      }
    }
    out.add(Message.user(intro.toString()));
    int lastWrite = -1;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).call().tool().equals("write_file")) {
        lastWrite = i;
      }
    }
    for (int i = firstShown; i < history.size(); i++) {
      Exchange e = history.get(i);
      ToolCall call = e.call();
      if (call.tool().equals("write_file") && i != lastWrite) {
        Map<String, Object> args = new LinkedHashMap<>(call.args());
        Object content = args.get("content");
        if (content instanceof String s && s.length() > 200) {
          args.put("content", "[... " + s.length() + " characters omitted: a later write replaced this; read_file shows the file ...]");
        }
        call = new ToolCall(call.tool(), args);
      }
      out.add(Message.assistant(call.toJson()));
      out.add(Message.user(OBSERVATION_PREFIX + e.call().tool() + ":\n" + cap(e.observation())));
    }
    out.addAll(reasks);
    return out;
  }

  /** The corrective message sent after an invalid answer. */
  public static String corrective(String message) {
    return INVALID_PREFIX + message;
  }

  private String cap(String s) {
    if (s.length() <= observationChars) {
      return s;
    }
    int half = observationChars / 2;
    return s.substring(0, half) + "\n[... " + (s.length() - observationChars) + " characters omitted ...]\n"
        + s.substring(s.length() - half);
  }

  private static String firstLine(String s) {
    String line = s.lines().findFirst().orElse("");
    return line.length() > 100 ? line.substring(0, 100) + "..." : line;
  }
}
