package dev.llmux.agent.mcp;

import dev.llmux.agent.tools.Tool;
import dev.llmux.agent.tools.ToolSet;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tools of the configured MCP servers. {@link #start} starts every server once (a server
 * whose command names {@value McpServerSpec#WORKSPACE} in a scratch folder), initialises it
 * within its timeout and lists its tools; a server that cannot be used is an
 * {@link McpServerException} naming it and its command (the CLI exits 3). During episodes a server
 * is connected at the first call of one of its tools: one bound to the workspace is started in
 * the episode's workspace and stopped when the episode ends ({@link Tool#endEpisode()}); the
 * others stay up until {@link #close()}, which ends every server process.
 */
public final class McpTools implements AutoCloseable {

  private final List<McpServer> servers;
  private final List<Tool> tools;

  private McpTools(List<McpServer> servers, List<Tool> tools) {
    this.servers = servers;
    this.tools = List.copyOf(tools);
  }

  /** No servers, no tools. */
  public static McpTools none() {
    return new McpTools(List.of(), List.of());
  }

  /**
   * Starts the servers and lists their tools.
   *
   * @throws McpServerException when a server does not start, initialise or list its tools in time
   *     (the servers already started are closed)
   */
  public static McpTools start(List<McpServerSpec> specs) {
    List<McpServer> servers = new ArrayList<>();
    List<Tool> tools = new ArrayList<>();
    Path scratch = null;
    try {
      for (McpServerSpec spec : specs) {
        McpServer server = new McpServer(spec);
        servers.add(server);
        if (spec.perWorkspace() && scratch == null) {
          scratch = Files.createTempDirectory("llmux-mcp-");
        }
        List<McpSchema.Tool> listed = server.listTools(spec.perWorkspace() ? scratch : Path.of("."));
        if (spec.perWorkspace()) {
          server.disconnect();
        }
        List<String> names = listed.stream().map(McpSchema.Tool::name).toList();
        for (String wanted : spec.tools()) {
          if (!names.contains(wanted)) {
            server.close();
            throw new McpServerException(server.who() + " has no tool '" + wanted + "' (listed in \"tools\"); its tools: "
                + names);
          }
        }
        for (McpSchema.Tool t : listed) {
          if (spec.tools().isEmpty() || spec.tools().contains(t.name())) {
            tools.add(new McpTool(server, t));
          }
        }
      }
      return new McpTools(servers, tools);
    } catch (IOException e) {
      servers.forEach(McpServer::close);
      throw new UncheckedIOException("cannot make a scratch folder for the MCP servers", e);
    } catch (RuntimeException e) {
      servers.forEach(McpServer::close);
      throw e;
    } finally {
      delete(scratch);
    }
  }

  /** The servers' tools, in the servers' order. */
  public List<Tool> tools() {
    return tools;
  }

  /** {@code base} with these tools added after its own. */
  public ToolSet addTo(ToolSet base) {
    if (tools.isEmpty()) {
      return base;
    }
    ToolSet.Builder b = ToolSet.builder();
    base.tools().forEach(b::add);
    tools.forEach(b::add);
    return b.build();
  }

  /** Stops every server. */
  @Override
  public void close() {
    servers.forEach(McpServer::close);
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a scratch folder left in the temp folder
    }
  }
}
