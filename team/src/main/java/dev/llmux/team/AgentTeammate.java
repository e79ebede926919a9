package dev.llmux.team;

import dev.llmux.agent.Agent;
import dev.llmux.agent.AgentBackends;
import dev.llmux.agent.AgentConfig;
import dev.llmux.agent.EpisodeEnd;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.task.Evaluator;
import dev.llmux.agent.task.Language;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.workflow.Workflow;
import dev.llmux.agent.workspace.Workspace;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.util.List;

/**
 * A teammate that is one episode of an agent workflow ({@link Workflow}: {@code solo}, the agent's
 * loop, or another the agent library registers) over the given backends: the subtask becomes the episode's task (its spec, the previous
 * failure as feedback, the files to write), and the subtask's acceptance checks, run in the
 * sandbox, are the episode's tests, so they drive its reward. A fresh agent per attempt, so
 * attempts may run in parallel.
 */
public final class AgentTeammate implements Teammate {

  private final AgentBackends backends;
  private final AcceptanceChecks checks;
  private final AgentConfig config;
  private final Workflow workflow;

  /** A teammate running {@code workflow} episodes routed among {@code backends}. */
  public AgentTeammate(AgentBackends backends, AcceptanceChecks checks, AgentConfig config, Workflow workflow) {
    this.backends = backends;
    this.checks = checks;
    this.config = config;
    this.workflow = workflow;
  }

  @Override
  public TeammateOutcome work(Assignment a) {
    Subtask s = a.subtask();
    StringBuilder spec = new StringBuilder();
    spec.append("This is subtask ").append(s.id()).append(" (").append(s.title()).append(") of the task: ").append(a.task())
        .append("\n\n").append(s.spec()).append("\n\nIt is done when these commands all exit 0 in the workspace:\n");
    s.acceptance().forEach(c -> spec.append("- ").append(c).append('\n'));
    if (!a.feedback().isEmpty()) {
      spec.append("\nThe previous attempt failed: ").append(a.feedback()).append('\n');
    }
    Difficulty d = switch (s.size()) {
      case SMALL -> Difficulty.EASY;
      case MEDIUM -> Difficulty.MEDIUM;
      case LARGE -> Difficulty.HARD;
    };
    List<String> files = s.files().isEmpty() ? List.of("NOTES.md") : s.files();
    Task task = new Task(s.id(), d, Language.PYTHON, spec.toString(), a.workspace(), files, s.acceptance().size());
    Evaluator evaluator = (t, ws) -> {
      AcceptanceChecks.Result r = checks.run(ws.root(), s.acceptance());
      return new TestReport(r.passed(), r.total() - r.passed(), r.total(), r.total(), true, r.report(), "");
    };
    Agent agent = backends.addTo(Agent.builder()).evaluator(evaluator).config(config).build();
    EpisodeResult result = workflow.run(agent, task, Workspace.at(a.workspace()), StepListener.NONE);
    if (result.end() == EpisodeEnd.BACKEND_FAILURE) {
      return new TeammateOutcome.Unavailable("every backend failed in episode " + result.runId());
    }
    String how = result.end().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " after " + result.steps()
        + " steps, checks " + result.finalTests().summary();
    return result.success() ? new TeammateOutcome.Finished(how) : new TeammateOutcome.Failed(how);
  }
}
