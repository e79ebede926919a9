package dev.llmux.agent.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured server and its live connection, if any. A server whose command names the
 * workspace is connected per workspace: a call in another workspace closes the old connection
 * first. {@link #disconnect()} closes the connection (and ends a stdio server's process).
 * Thread-safe: calls to one server are serialised.
 */
final class McpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(McpServer.class);
  private static final JacksonMcpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());
  private static final int STDERR_LINES = 20;

  private final McpServerSpec spec;
  private final Deque<String> stderr = new ArrayDeque<>();
  /** Serialises stdio starts across servers, so that each knows which new child process is its own. */
  private static final Object STARTS = new Object();

  private McpSyncClient client;
  private Path workspace;
  private volatile ProcessHandle process;

  McpServer(McpServerSpec spec) {
    this.spec = spec;
  }

  McpServerSpec spec() {
    return spec;
  }

  /** Connects for {@code ws} (closing a connection for another workspace) and lists the tools. */
  synchronized List<McpSchema.Tool> listTools(Path ws) {
    McpSyncClient c = connect(ws);
    try {
      List<McpSchema.Tool> tools = new ArrayList<>();
      String cursor = null;
      do {
        McpSchema.ListToolsResult r = cursor == null ? c.listTools() : c.listTools(cursor);
        tools.addAll(r.tools());
        cursor = r.nextCursor();
      } while (cursor != null && !cursor.isEmpty());
      return tools;
    } catch (RuntimeException e) {
      disconnect();
      throw new McpServerException(who() + " did not list its tools: " + reason(e), e);
    }
  }

  /**
   * Calls a tool, connecting for {@code ws} first when needed. A failed or timed-out call drops
   * the connection (the next call starts the server again).
   *
   * @throws McpServerException when the server cannot be started
   * @throws CallFailed when the call fails (the caller turns it into an observation)
   */
  synchronized McpSchema.CallToolResult call(Path ws, String tool, Map<String, Object> args) {
    McpSyncClient c = connect(ws);
    try {
      return c.callTool(new McpSchema.CallToolRequest(tool, new LinkedHashMap<>(args)));
    } catch (RuntimeException e) {
      awaitExit(process);
      String why = reason(e);
      disconnect();
      throw new CallFailed(why, e);
    }
  }

  /** A call that failed; the message says why in one line. The connection was dropped. */
  static final class CallFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Why a call or start failed, in one line: the deepest cause (a timeout said as such), whether the
   * server's process has ended, and its last stderr line.
   */
  String reason(Throwable e) {
    Throwable t = e;
    boolean timeout = false;
    while (true) {
      timeout |= t instanceof java.util.concurrent.TimeoutException
          || String.valueOf(t.getMessage()).contains("Did not observe any item");
      if (t.getCause() == null || t.getCause() == t) {
        break;
      }
      t = t.getCause();
    }
    String msg = timeout ? "no answer within the timeout"
        : t instanceof IllegalStateException ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage();
    ProcessHandle p = process;
    if (p != null && !p.isAlive() && !msg.contains("process ended")) {
      msg = msg + "; its process has ended";
    }
    String last;
    synchronized (stderr) {
      last = stderr.peekLast();
    }
    return last == null ? msg : msg + " (its last stderr line: " + last + ")";
  }

  String who() {
    return "MCP server '" + spec.name() + "' (" + spec.describe() + ")";
  }

  private McpSyncClient connect(Path ws) {
    Path root = ws.toAbsolutePath().normalize();
    if (client != null && (!spec.perWorkspace() || root.equals(workspace))) {
      return client;
    }
    disconnect();
    McpClientTransport transport;
    if (spec.url() != null) {
      transport = HttpClientStreamableHttpTransport.builder(spec.url()).jsonMapper(JSON)
          .connectTimeout(spec.initTimeout()).build();
    } else {
      String program = locate(spec.command());
      List<String> args = new ArrayList<>();
      spec.args().forEach(a -> args.add(a.replace(McpServerSpec.WORKSPACE, root.toString())));
      ServerParameters.Builder p = ServerParameters.builder(program).args(args);
      spec.env().forEach((k, v) -> p.addEnvVar(k, v.replace(McpServerSpec.WORKSPACE, root.toString())));
      StdioClientTransport stdio = new StdioClientTransport(p.build(), JSON) {
        @Override
        protected ProcessBuilder getProcessBuilder() {
          // relative paths the model gives the server resolve in the workspace
          return spec.perWorkspace() ? super.getProcessBuilder().directory(root.toFile()) : super.getProcessBuilder();
        }
      };
      stdio.setStdErrorHandler(this::stderrLine);
      transport = stdio;
    }
    McpSyncClient c = McpClient.sync(transport).requestTimeout(spec.callTimeout())
        .initializationTimeout(spec.initTimeout())
        .clientInfo(new McpSchema.Implementation("llmux", "0.1.0")).build();
    synchronized (STARTS) {
      java.util.Set<ProcessHandle> before = children();
      // a server that dies while starting fails the start at once, not at the timeout: the new
      // process is looked for while the client initialises, and its end completes `ended`
      java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();
      java.util.concurrent.CompletableFuture<McpSchema.InitializeResult> init =
          java.util.concurrent.CompletableFuture.supplyAsync(c::initialize);
      if (transport instanceof StdioClientTransport stdio) {
        Thread watch = new Thread(() -> {
          while (!init.isDone() && process == null) {
            ProcessHandle p = started(stdio, before);
            if (p != null) {
              process = p;
              p.onExit().thenRun(() -> ended.complete(null));
              return;
            }
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "llmux-mcp-watch-" + spec.name());
        watch.setDaemon(true);
        process = null;
        watch.start();
      }
      try {
        java.util.concurrent.CompletableFuture.anyOf(init, ended).join();
        if (!init.isDone()) {
          throw new IllegalStateException("its process ended before it answered");
        }
        init.join();
      } catch (RuntimeException e) {
        awaitExit(process);
        String why = reason(e);
        closeQuietly(c);
        throw new McpServerException(who() + " did not start or initialise: " + why, e);
      }
      if (process == null && transport instanceof StdioClientTransport stdio) {
        process = started(stdio, before);
      }
      ProcessHandle p = process;
      if (p != null) {
        // an open call ends at once when the process dies
        p.onExit().thenRun(c::close);
      }
    }
    LOG.debug("{} connected for {}", who(), root);
    client = c;
    workspace = root;
    return c;
  }

  private static java.util.Set<ProcessHandle> children() {
    return ProcessHandle.current().children().collect(java.util.stream.Collectors.toSet());
  }

  /**
   * The process the transport started: read from the SDK's transport (its {@code process} field; the
   * SDK has no getter), which holds it even when it has already ended; else the new child process.
   */
  private static ProcessHandle started(StdioClientTransport stdio, java.util.Set<ProcessHandle> before) {
    try {
      java.lang.reflect.Field f = StdioClientTransport.class.getDeclaredField("process");
      f.setAccessible(true);
      Object p = f.get(stdio);
      if (p instanceof Process process) {
        return process.toHandle();
      }
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return newChild(before);
    }
  }

  private static ProcessHandle newChild(java.util.Set<ProcessHandle> before) {
    return ProcessHandle.current().children().filter(p -> !before.contains(p)).findFirst().orElse(null);
  }

  /** The program's path: as given when it holds a '/', else found on PATH. */
  private String locate(String command) {
    if (command.contains("/")) {
      if (!Files.isExecutable(Path.of(command))) {
        throw new McpServerException(who() + ": the command " + command + " does not exist or is not executable");
      }
      return command;
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return command;
      }
    }
    throw new McpServerException(who() + ": the command '" + command
        + "' is not on PATH; install it or give its full path in \"command\"");
  }

  /** Gives a process that is ending a moment to end, so that the reason can say it did (and its stderr arrives). */
  private static void awaitExit(ProcessHandle p) {
    if (p != null) {
      try {
        p.onExit().get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        Thread.sleep(100);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        // still running
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void stderrLine(String line) {
    if (line == null || line.isBlank()) {
      return;
    }
    synchronized (stderr) {
      if (stderr.size() == STDERR_LINES) {
        stderr.removeFirst();
      }
      stderr.addLast(line.length() > 300 ? line.substring(0, 300) + "..." : line);
    }
    LOG.debug("{} stderr: {}", spec.name(), line);
  }

  /** Closes the connection, if any: a stdio server's process ends. */
  synchronized void disconnect() {
    if (client != null) {
      closeQuietly(client);
      client = null;
      workspace = null;
    }
  }

  /**
   * Closes a client. A stdio server's process and what it started (npx starts node) are asked to
   * end (SIGTERM), then killed when still there two seconds later: no orphans, even of a server that
   * hangs.
   */
  private void closeQuietly(McpSyncClient c) {
    ProcessHandle p = process;
    process = null;
    List<ProcessHandle> tree = new ArrayList<>();
    if (p != null) {
      p.descendants().forEach(tree::add);
      tree.add(p);
      tree.forEach(ProcessHandle::destroy);
    }
    try {
      c.close();
    } catch (RuntimeException e) {
      LOG.debug("closing {}: {}", who(), e.toString());
    }
    for (ProcessHandle h : tree) {
      try {
        h.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        h.destroyForcibly();
      } catch (InterruptedException e) {
        h.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    disconnect();
  }
}
