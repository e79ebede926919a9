package dev.llmux.team;

import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.sandbox.SandboxLimits;
import dev.llmux.agent.sandbox.SandboxRequest;
import dev.llmux.agent.sandbox.SandboxResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs a subtask's acceptance checks ({@code sh -c CHECK}) in the agent's sandbox, in the
 * teammate's workspace copy: no network, only the workspace writable, 30 s each.
 */
public final class AcceptanceChecks {

  private final Sandbox sandbox;

  /** Checks run in {@code sandbox}. */
  public AcceptanceChecks(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /**
   * The result of every check.
   *
   * @param passed how many passed
   * @param total how many ran
   * @param report the failed checks with their exit status and output (capped), for feedback
   */
  public record Result(int passed, int total, String report) {

    /** Whether all passed. */
    public boolean allPassed() {
      return passed == total;
    }
  }

  /** Runs the checks in order (all of them, so the report names every failure). */
  public Result run(Path workspace, List<String> checks) {
    int passed = 0;
    StringBuilder report = new StringBuilder();
    SandboxLimits limits = SandboxLimits.DEFAULT.toBuilder().wallClock(Duration.ofSeconds(30)).build();
    for (String check : checks) {
      SandboxResult r = sandbox.run(SandboxRequest.builder(workspace, List.of("sh", "-c", check)).limits(limits).build());
      if (r.succeeded()) {
        passed++;
      } else {
        String out = (r.stdout() + r.stderr()).strip();
        if (out.length() > 600) {
          out = out.substring(0, 600) + "...";
        }
        report.append("check `").append(check).append("` failed (").append(r.describe()).append(")");
        if (!out.isEmpty()) {
          report.append(": ").append(out);
        }
        report.append('\n');
      }
    }
    return new Result(passed, checks.size(), report.toString().strip());
  }
}
