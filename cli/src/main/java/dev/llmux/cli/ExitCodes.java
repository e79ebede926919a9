package dev.llmux.cli;

import dev.llmux.LlmuxException;
import dev.llmux.agent.AgentException;
import dev.llmux.agent.sandbox.SandboxException;
import dev.llmux.agent.sandbox.SandboxUnavailableException;
import dev.llmux.agent.task.TaskException;
import dev.llmux.agent.trajectory.BadTrajectoryFileException;
import dev.llmux.agent.trajectory.TrajectoryException;
import dev.llmux.agent.workspace.WorkspaceException;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.gguf.ModelFormatException;
import dev.llmux.engine.http.HttpBackendException;
import dev.llmux.engine.http.ProviderCheck;
import dev.llmux.engine.http.ProviderUnreachableException;
import dev.llmux.nativelib.NativeBuild;
import dev.llmux.nativelib.NativeLibraryException;
import dev.llmux.team.TeamException;
import dev.llmux.team.store.StoreUnavailableException;
import dev.llmux.router.policy.PolicyFileException;
import dev.llmux.router.text.EncoderUnavailableException;
import dev.llmux.router.text.TextFeatureException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command line's exit statuses, and the one table that maps each exception type to its status.
 *
 * <p>An exception gets the status of the nearest type in its class hierarchy that the table lists
 * (so a subclass row overrides its superclass row); an exception of no listed type, a bug, gets
 * {@link #FAILED}. Library exceptions carry no status: this table alone decides.
 */
final class ExitCodes {

  /** The command succeeded. */
  static final int OK = 0;
  /** The job ran and failed. */
  static final int FAILED = 1;
  /** Bad usage, a bad config or a bad input file. */
  static final int BAD_INPUT = 2;
  /** A backend or service (model, native library, provider, sandbox) was unavailable. */
  static final int UNAVAILABLE = 3;

  private static final Map<Class<? extends Throwable>, Integer> TABLE = build();

  private ExitCodes() {}

  private static Map<Class<? extends Throwable>, Integer> build() {
    Map<Class<? extends Throwable>, Integer> t = new LinkedHashMap<>();
    // 1: the job ran and failed
    t.put(LlmuxException.class, FAILED);
    t.put(BackendException.class, FAILED);
    t.put(HttpBackendException.class, FAILED);
    t.put(SandboxException.class, FAILED);
    t.put(TrajectoryException.class, FAILED);
    t.put(NativeBuild.BuildException.class, FAILED);
    // 2: bad usage, config or input file
    t.put(CommandLine.ParameterException.class, BAD_INPUT);
    t.put(UsageException.class, BAD_INPUT);
    t.put(ConfigException.class, BAD_INPUT);
    t.put(InvalidRequestException.class, BAD_INPUT);
    t.put(ModelFormatException.class, BAD_INPUT);
    t.put(PolicyFileException.class, BAD_INPUT);
    t.put(TextFeatureException.class, BAD_INPUT);
    t.put(dev.llmux.router.eval.Replay.ReplayFileException.class, BAD_INPUT);
    t.put(EncoderUnavailableException.class, UNAVAILABLE);
    t.put(AgentException.class, BAD_INPUT);
    t.put(TaskException.class, BAD_INPUT);
    t.put(WorkspaceException.class, BAD_INPUT);
    t.put(BadTrajectoryFileException.class, BAD_INPUT);
    t.put(NativeBuild.BadSourceException.class, BAD_INPUT);
    t.put(TeamException.class, BAD_INPUT);
    // 3: a backend or service unavailable
    t.put(NativeLibraryException.class, UNAVAILABLE);
    t.put(BackendUnavailableException.class, UNAVAILABLE);
    t.put(ProviderUnreachableException.class, UNAVAILABLE);
    t.put(dev.llmux.agent.mcp.McpServerException.class, UNAVAILABLE);
    t.put(SandboxUnavailableException.class, UNAVAILABLE);
    t.put(NativeBuild.ToolMissingException.class, UNAVAILABLE);
    t.put(StoreUnavailableException.class, UNAVAILABLE);
    return Collections.unmodifiableMap(t);
  }

  /** The exit status for a command that ended with {@code e}. */
  static int of(Throwable e) {
    for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
      Integer status = TABLE.get(c);
      if (status != null) {
        return status;
      }
    }
    return FAILED;
  }

  /** The exit status of {@code llmux providers test} for a provider check's verdict. */
  static int of(ProviderCheck.Verdict verdict) {
    return switch (verdict) {
      case PASSED -> OK;
      case FAILED -> FAILED;
      case MISCONFIGURED -> BAD_INPUT;
      case UNAVAILABLE -> UNAVAILABLE;
    };
  }

  /** The table's rows in reading order: exception type to exit status. */
  static Map<Class<? extends Throwable>, Integer> rows() {
    return TABLE;
  }
}
