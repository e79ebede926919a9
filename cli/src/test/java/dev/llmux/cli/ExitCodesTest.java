package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.gguf.ModelFormatException;
import dev.llmux.engine.http.HttpBackend;
import dev.llmux.engine.http.HttpBackendException;
import dev.llmux.engine.http.HttpBackendSpec;
import dev.llmux.engine.http.HttpBackends;
import dev.llmux.engine.http.HttpPreset;
import dev.llmux.engine.http.ProviderCheck.Verdict;
import dev.llmux.engine.http.ProviderUnreachableException;
import dev.llmux.engine.http.RetrySettings;
import dev.llmux.engine.http.WireFormat;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import dev.llmux.nativelib.NativeBuild;
import dev.llmux.nativelib.NativeLibraryException;
import dev.llmux.router.policy.PolicyFileException;
import dev.llmux.team.TeamException;
import dev.llmux.team.store.StoreUnavailableException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The exception-to-exit-status table, one case per row, with exceptions as the code throws them. */
final class ExitCodesTest {

  /** One row of the table: the type, the status it must map to, and how to get an exception of it. */
  private record Row(Class<? extends Throwable> type, int status, Supplier<Throwable> example) {}

  private static final List<Row> ROWS = List.of(
      new Row(LlmuxException.class, 1, () -> new LlmuxException("the job failed")),
      new Row(BackendException.class, 1, () -> new BackendException("b", "crashed", false, null)),
      new Row(HttpBackendException.class, 1, ExitCodesTest::serverError),
      new Row(SandboxException.class, 1, () -> new SandboxException("could not start")),
      new Row(TrajectoryException.class, 1, () -> new TrajectoryException("cannot write", null)),
      new Row(NativeBuild.BuildException.class, 1, () -> new NativeBuild.BuildException("the build failed", null)),
      new Row(CommandLine.ParameterException.class, 2,
          () -> new CommandLine.ParameterException(LlmuxCommand.commandLine(), "Unknown option: '--x'")),
      new Row(UsageException.class, 2, () -> new UsageException("--episodes is 0")),
      new Row(ConfigException.class, 2, () -> new ConfigException("bad config")),
      new Row(InvalidRequestException.class, 2, () -> new InvalidRequestException("prompt is empty")),
      new Row(ModelFormatException.class, 2, () -> new ModelFormatException(Path.of("x.gguf"), 0, "bad magic")),
      new Row(PolicyFileException.class, 2, () -> new PolicyFileException("corrupt")),
      new Row(AgentException.class, 2, () -> new AgentException("no backends")),
      new Row(TaskException.class, 2, () -> new TaskException("no task.json")),
      new Row(WorkspaceException.class, 2, () -> new WorkspaceException("no such workspace")),
      new Row(BadTrajectoryFileException.class, 2, () -> new BadTrajectoryFileException("line 2 is not JSON", null)),
      new Row(TeamException.class, 2, () -> new TeamException("the task is empty")),
      new Row(NativeBuild.BadSourceException.class, 2, () -> new NativeBuild.BadSourceException("no CMakeLists.txt")),
      new Row(NativeLibraryException.class, 3, () -> new NativeLibraryException("not found", null)),
      new Row(dev.llmux.router.text.EncoderUnavailableException.class, 3,
          () -> new dev.llmux.router.text.EncoderUnavailableException("ONNX Runtime does not load", null)),
      new Row(dev.llmux.router.text.TextFeatureException.class, 2,
          () -> new dev.llmux.router.text.TextFeatureException("not a difficulty head")),
      new Row(dev.llmux.router.eval.Replay.ReplayFileException.class, 2,
          () -> new dev.llmux.router.eval.Replay.ReplayFileException("line 3 is not JSON")),
      new Row(BackendUnavailableException.class, 3, () -> new BackendUnavailableException("b", "circuit open", null)),
      new Row(ProviderUnreachableException.class, 3, ExitCodesTest::unreachable),
      new Row(SandboxUnavailableException.class, 3, () -> new SandboxUnavailableException("no bubblewrap")),
      new Row(NativeBuild.ToolMissingException.class, 3, () -> new NativeBuild.ToolMissingException("cmake is not on the PATH")),
      new Row(StoreUnavailableException.class, 3, () -> new StoreUnavailableException("the run store does not answer", null)),
      new Row(dev.llmux.agent.mcp.McpServerException.class, 3,
          () -> new dev.llmux.agent.mcp.McpServerException("MCP server 'fs' did not start")));

  static Stream<Arguments> rows() {
    return ROWS.stream().map(r -> Arguments.of(r.type().getSimpleName(), r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void of_exceptionOfEachListedType_isItsRowsStatus(String name, Row row) {
    Throwable e = row.example().get();
    assertEquals(row.type(), e.getClass(), "the example is of the row's exact type");
    assertEquals(row.status(), ExitCodes.of(e), name);
    assertEquals(row.status(), ExitCodes.rows().get(row.type()), name);
  }

  @Test
  void rows_everyRowIsTestedHere() {
    Set<Class<? extends Throwable>> tested = new LinkedHashSet<>();
    ROWS.forEach(r -> tested.add(r.type()));
    assertEquals(tested, ExitCodes.rows().keySet());
  }

  @Test
  void of_subclassOfAListedType_takesTheNearestRow() {
    assertEquals(2, ExitCodes.of(new ConfigException("bad") {}));
    assertEquals(3, ExitCodes.of(new BackendUnavailableException("b", "down", null) {}));
  }

  @Test
  void of_exceptionOfNoListedType_isFailed() {
    assertEquals(1, ExitCodes.of(new IllegalStateException("a bug")));
    assertEquals(1, ExitCodes.of(new OutOfMemoryError()));
  }

  @Test
  void of_providerVerdict_isTheStatusProvidersTestDocuments() {
    assertEquals(0, ExitCodes.of(Verdict.PASSED));
    assertEquals(1, ExitCodes.of(Verdict.FAILED));
    assertEquals(2, ExitCodes.of(Verdict.MISCONFIGURED));
    assertEquals(3, ExitCodes.of(Verdict.UNAVAILABLE));
  }

  @Test
  void constants_areTheDocumentedStatuses() {
    assertEquals(List.of(0, 1, 2, 3), List.of(ExitCodes.OK, ExitCodes.FAILED, ExitCodes.BAD_INPUT, ExitCodes.UNAVAILABLE));
  }

  private static HttpBackend backend(FakeProviderServer server) {
    return HttpBackends.create(HttpBackendSpec.builder("cloud", HttpPreset.LLAMA_SERVER, "m")
        .baseUrl(server.baseUrl()).retry(RetrySettings.NONE).build());
  }

  /** What an HTTP backend throws when the server answers 500. */
  private static Throwable serverError() {
    try (FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT)) {
      server.otherwise(r -> Reply.status(500, "{\"error\":{\"message\":\"boom\"}}"));
      HttpBackend b = backend(server);
      return assertThrows(HttpBackendException.class, () -> b.chat(ChatRequest.builder().user("hi").build()));
    }
  }

  /** What an HTTP backend throws when nothing listens at its base URL. */
  private static Throwable unreachable() {
    FakeProviderServer dead = FakeProviderServer.start(WireFormat.OPENAI_CHAT);
    HttpBackend b = backend(dead);
    dead.close();
    return assertInstanceOf(ProviderUnreachableException.class,
        assertThrows(HttpBackendException.class, () -> b.chat(ChatRequest.builder().user("hi").build())));
  }
}
