package dev.llmux.team;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.Message;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.TokenListener;
import java.util.ArrayList;
import java.util.List;

/**
 * A lead that is a model: one request per plan, its answer constrained to {@link PlanSchema} (a
 * grammar for local models, JSON mode for HTTP ones). The prompt states the rules the plan is
 * checked against; feedback on earlier plans follows the task.
 */
public final class BackendLead implements Lead {

  /** The most tokens a plan may take. */
  public static final int MAX_TOKENS = 8192;

  private final Backend backend;
  private final long seed;

  /** A lead answering through {@code backend}, seeded for reproducible answers. */
  public BackendLead(Backend backend, long seed) {
    this.backend = backend;
    this.seed = seed;
  }

  @Override
  public String plan(String task, List<String> files, List<String> feedback) {
    List<Message> messages = new ArrayList<>();
    messages.add(Message.system("You are the lead of a team of programming agents. Break the task into subtasks and answer"
        + " with one JSON object {\"subtasks\": [...]}. Each subtask has: id (s1, s2, ...), title, spec (what to do),"
        + " files (relative paths it may create or change), dependencies (ids that must finish first), acceptance"
        + " (shell commands that exit 0 when it is done; no network, no paths outside the workspace), size"
        + " (small, medium or large). Subtasks that may run at the same time must not share files. No cycles."));
    StringBuilder user = new StringBuilder("Task: ").append(task).append("\n\nWorkspace files: ")
        .append(files.isEmpty() ? "(none)" : String.join(", ", files.subList(0, Math.min(files.size(), 200))));
    // the latest two reviews, clipped: enough to fix the plan, and the prompt stays within a small context
    for (String f : feedback.subList(Math.max(0, feedback.size() - 2), feedback.size())) {
      user.append("\n\n").append(f.length() > 800 ? f.substring(0, 800) + "..." : f);
    }
    messages.add(Message.user(user.toString()));
    ChatRequest request = ChatRequest.builder().messages(messages).jsonSchema(PlanSchema.text()).maxTokens(MAX_TOKENS)
        .temperature(0.2).seed(seed + feedback.size()).build();
    ChatResponse r = backend.chat(request, TokenListener.NONE);
    if (r.stopReason() == StopReason.LENGTH) {
      throw new PlanFormatException("the plan was cut off at the token limit (" + r.usage().completionTokens()
          + " tokens): use fewer subtasks and shorter texts");
    }
    return r.text();
  }
}
