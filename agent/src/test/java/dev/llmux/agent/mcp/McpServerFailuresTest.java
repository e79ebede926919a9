package dev.llmux.agent.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.tools.Tool;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.agent.tools.ToolResult;
import dev.llmux.agent.tools.ToolContext;
import dev.llmux.agent.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that cannot be used: a missing command and servers that exit, hang or answer garbage at
 * start are {@link McpServerException}s naming the server and its command; a server that crashes,
 * answers garbage or hangs during a call gives an error observation naming it, and is stopped.
 * The misbehaving servers are the fixture {@code mcp/misbehaving-server.js}. No process is left.
 */
final class McpServerFailuresTest {

  /** Bounds a hang at start; only the hanging servers wait it out. */
  private static final Duration SHORT = Duration.ofSeconds(3);
  /** Bounds a start that must succeed (generous: a busy machine starts node slowly). */
  private static final Duration START = Duration.ofSeconds(30);
  /** Bounds a call that hangs. */
  private static final Duration CALL = Duration.ofSeconds(5);

  @TempDir Path tmp;

  @AfterEach
  void noServerProcessLeft() {
    assertEquals(List.of(), McpTestServers.processesWith("misbehaving-server.js"), "no server process left");
  }

  @Test
  void start_commandNotOnPath_namesTheServerAndTheCommand() {
    McpServerException e = assertThrows(McpServerException.class, () -> McpTools.start(List.of(
        McpServerSpec.stdio("tools", "llmux-no-such-mcp-server", List.of("--x")))));
    assertTrue(e.getMessage().contains("MCP server 'tools'") && e.getMessage().contains("'llmux-no-such-mcp-server'")
        && e.getMessage().contains("not on PATH"), e.getMessage());
  }

  @Test
  void start_commandThatExitsAtOnce_isAnErrorNamingIt() {
    McpServerException e = assertThrows(McpServerException.class, () -> McpTools.start(List.of(
        McpServerSpec.stdio("quits", "sh", List.of("-c", "echo 'cannot open config' >&2; exit 3"))
            .withTimeouts(START, SHORT))));
    assertTrue(e.getMessage().contains("MCP server 'quits' (sh -c") && e.getMessage().contains("did not start or initialise")
        && e.getMessage().contains("process ended"),
        e.getMessage());
  }

  @Test
  void start_serverThatNeverAnswersInitialize_timesOut() {
    McpServerException e = assertThrows(McpServerException.class,
        () -> McpTools.start(List.of(McpTestServers.misbehaving("hang-on-init").withTimeouts(SHORT, SHORT))));
    assertTrue(e.getMessage().contains("MCP server 'bad'") && e.getMessage().contains("did not start or initialise")
        && e.getMessage().contains("timeout"), e.getMessage());
  }

  @Test
  void start_serverThatAnswersGarbage_isAnError() {
    McpServerException e = assertThrows(McpServerException.class,
        () -> McpTools.start(List.of(McpTestServers.misbehaving("garbage-on-init").withTimeouts(SHORT, SHORT))));
    assertTrue(e.getMessage().contains("MCP server 'bad'"), e.getMessage());
  }

  @Test
  void call_serverCrashes_errorObservation_thenTheNextCallStartsItAgain() throws Exception {
    String observation = assertCallFails("crash-on-call");
    assertTrue(observation.contains("process has ended") && observation.contains("misbehaving server: crash-on-call"),
        "says the process ended, with its last stderr line: " + observation);
  }

  @Test
  void call_serverAnswersGarbage_errorObservation() throws Exception {
    assertCallFails("garbage-on-call");
  }

  @Test
  void call_serverHangs_timesOutWithAnErrorObservation() throws Exception {
    String observation = assertCallFails("hang-on-call");
    assertTrue(observation.contains("timeout") || observation.contains("Timeout"), observation);
  }

  private String assertCallFails(String mode) throws Exception {
    try (McpTools mcp = McpTools.start(List.of(McpTestServers.misbehaving(mode).withTimeouts(START, CALL)));
        Workspace ws = Workspace.createTemp()) {
      Tool echo = mcp.tools().get(0);
      assertEquals("bad_echo", echo.name());
      ToolContext ctx = new ToolContext(ws, TestTasks.pythonAdd(tmp), () -> TestReport.unverified(1, "", "not run"));
      ToolResult r = echo.run(new ToolCall("bad_echo", Map.of("text", "hello")), ctx);
      assertFalse(r.ok(), r.observation());
      assertTrue(r.observation().contains("MCP server 'bad'") && r.observation().contains("failed on echo"), r.observation());
      assertEquals(List.of(), McpTestServers.processesWith("misbehaving-server.js"), "the failed server was stopped");
      ToolResult again = echo.run(new ToolCall("bad_echo", Map.of("text", "hello")), ctx);
      assertFalse(again.ok(), "started again, fails again: " + again.observation());
      return r.observation();
    }
  }
}
