package dev.llmux.agent.mcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the tests' MCP servers are: Node on PATH, the reference filesystem server
 * {@code @modelcontextprotocol/server-filesystem} installed by {@code .ci/run} under
 * {@code ~/.cache/llmux-test/mcp} (or where {@code -Dllmux.mcp.filesystem} / {@code
 * LLMUX_MCP_FILESYSTEM} point: its {@code dist/index.js}), and the misbehaving fixture of the test
 * resources. Tests skip with a message where Node or the package is absent.
 */
final class McpTestServers {

  private McpTestServers() {}

  static String node() {
    for (String dir : String.valueOf(System.getenv("PATH")).split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "node"))) {
        return Path.of(dir, "node").toString();
      }
    }
    assumeTrue(false, "node is not on PATH: the MCP server tests need Node.js (apt-get install nodejs)");
    return null;
  }

  /** The filesystem server's entry script. */
  static Path filesystemServer() {
    String given = System.getProperty("llmux.mcp.filesystem", System.getenv("LLMUX_MCP_FILESYSTEM"));
    Path p = given != null ? Path.of(given) : Path.of(System.getProperty("user.home"),
        ".cache/llmux-test/mcp/node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
    assumeTrue(Files.isRegularFile(p), "the MCP filesystem server is not installed at " + p + ": run"
        + " npm install --prefix \"$HOME/.cache/llmux-test/mcp\" @modelcontextprotocol/server-filesystem@2026.8.31"
        + " (as .ci/run does) or set -Dllmux.mcp.filesystem=.../dist/index.js");
    return p;
  }

  /** The filesystem server with the episode's workspace as its one allowed folder. */
  static McpServerSpec filesystem(String name) {
    String node = node();
    return McpServerSpec.stdio(name, node, List.of(filesystemServer().toString(), McpServerSpec.WORKSPACE));
  }

  /** The misbehaving fixture server in one of its modes. */
  static McpServerSpec misbehaving(String mode) {
    String node = node();
    try {
      Path script = Path.of(McpTestServers.class.getResource("/mcp/misbehaving-server.js").toURI());
      return McpServerSpec.stdio("bad", node, List.of(script.toString(), mode));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This JVM's descendant processes whose command line holds {@code marker}. */
  static List<String> processesWith(String marker) {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(p -> p.info().commandLine().orElse(""))
        .filter(c -> c.contains(marker)).collect(Collectors.toList());
  }
}
