package dev.llmux.agent;

import dev.llmux.agent.tools.ParamType;
import dev.llmux.agent.tools.Tool;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.agent.tools.ToolContext;
import dev.llmux.agent.tools.ToolParam;
import dev.llmux.agent.tools.ToolResult;
import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.StopReason;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code research(question)}: asks the {@code research} role (a cloud model, say) a question
 * outside the codebase; its answer comes back as the observation. Offered to the agent beside the
 * standard tools whenever the agent has a {@code research} role.
 */
final class ResearchTool implements Tool {

  /** The tool's name. */
  static final String NAME = "research";
  /** The role it asks. */
  static final String ROLE = "research";

  private final Backend research;

  ResearchTool(Backend research) {
    this.research = Objects.requireNonNull(research, "research");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Asks a research assistant a question outside the workspace (an API, an algorithm, a library) and returns"
        + " its answer.";
  }

  @Override
  public List<ToolParam> params() {
    return List.of(ToolParam.required("question", ParamType.STRING, "the question, self-contained"));
  }

  @Override
  public boolean changesWorkspace() {
    return false;
  }

  @Override
  public ToolResult run(ToolCall call, ToolContext context) {
    String question = call.string("question", "").strip();
    if (question.isEmpty()) {
      return ToolResult.error("the question is empty: ask something");
    }
    ChatRequest request = ChatRequest.builder()
        .system("You answer a programming agent's questions about things outside its codebase. Be brief and concrete.")
        .user(question).maxTokens(512).temperature(0.2).timeout(Duration.ofMinutes(2)).build();
    try {
      ChatResponse r = research.chat(request);
      if (r.stopReason() == StopReason.CANCELLED || r.stopReason() == StopReason.DEADLINE || r.text().isBlank()) {
        return ToolResult.error("the research role gave no answer (" + r.stopReason() + ")");
      }
      return ToolResult.ok("research answer (" + r.backend() + "):\n" + r.text().strip());
    } catch (RuntimeException e) {
      return ToolResult.error("the research role failed: " + e.getMessage());
    }
  }
}
