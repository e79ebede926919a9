package dev.llmux.agent.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.AgentException;
import dev.llmux.engine.catalog.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code "mcpServers"} in {@code llmux.json}: read by the agent, accepted by the catalog reader. */
final class McpServerSpecTest {

  @TempDir Path tmp;

  private Path catalog(String servers) throws Exception {
    Path f = tmp.resolve("llmux.json");
    Files.writeString(f, "{\"models\": {\"m\": {\"provider\": \"openai\", \"model\": \"x\", \"apiKey\": \"k\"}},"
        + " \"mcpServers\": " + servers + "}");
    return f;
  }

  @Test
  void fromCatalog_readsStdioAndHttpServers_andTheCatalogAcceptsTheKey() throws Exception {
    Path f = catalog("{\"fs\": {\"command\": \"npx\", \"args\": [\"-y\", \"pkg\", \"{workspace}\"],"
        + " \"env\": {\"TOKEN\": \"${MCP_TOKEN}\"}, \"initTimeoutSeconds\": 5, \"callTimeoutSeconds\": 20,"
        + " \"tools\": [\"read_text_file\"]},"
        + " \"web\": {\"url\": \"http://127.0.0.1:9/mcp\"}}");
    Catalog.load(f, Map.of("MCP_TOKEN", "t")::get);
    List<McpServerSpec> specs = McpServerSpec.fromCatalog(f, Map.of("MCP_TOKEN", "secret-value")::get);
    assertEquals(2, specs.size());
    McpServerSpec fs = specs.get(0);
    assertEquals(List.of("-y", "pkg", "{workspace}"), fs.args());
    assertEquals("secret-value", fs.env().get("TOKEN"));
    assertEquals(Duration.ofSeconds(5), fs.initTimeout());
    assertEquals(Duration.ofSeconds(20), fs.callTimeout());
    assertEquals(List.of("read_text_file"), fs.tools());
    assertTrue(fs.perWorkspace());
    assertFalse(fs.describe().contains("secret-value"), "the environment's values stay out of messages");
    assertEquals("http://127.0.0.1:9/mcp", specs.get(1).url());
    assertFalse(specs.get(1).perWorkspace());
  }

  @Test
  void fromCatalog_badEntries_areErrorsNamingTheFileAndTheKey() throws Exception {
    AgentException unknown = assertThrows(AgentException.class,
        () -> McpServerSpec.fromCatalog(catalog("{\"fs\": {\"command\": \"x\", \"cmd\": \"y\"}}")));
    assertTrue(unknown.getMessage().contains("llmux.json") && unknown.getMessage().contains("\"cmd\""), unknown.getMessage());
    AgentException both = assertThrows(AgentException.class,
        () -> McpServerSpec.fromCatalog(catalog("{\"fs\": {\"command\": \"x\", \"url\": \"http://h\"}}")));
    assertTrue(both.getMessage().contains("exactly one of"), both.getMessage());
    AgentException unset = assertThrows(AgentException.class, () -> McpServerSpec.fromCatalog(
        catalog("{\"fs\": {\"command\": \"x\", \"env\": {\"K\": \"${LLMUX_SURELY_UNSET_VAR}\"}}}"), n -> null));
    assertTrue(unset.getMessage().contains("LLMUX_SURELY_UNSET_VAR"), unset.getMessage());
    AgentException name = assertThrows(AgentException.class,
        () -> McpServerSpec.fromCatalog(catalog("{\"My Server\": {\"command\": \"x\"}}")));
    assertTrue(name.getMessage().contains("lower_snake_case"), name.getMessage());
  }

  @Test
  void everyServerKey_isInTheKeyTableOfModelsReadme() throws Exception {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("models/README.md"))) {
      p = p.getParent();
    }
    String text = Files.readString(p.resolve("models/README.md"));
    for (String key : McpServerSpec.KEYS) {
      assertTrue(text.contains("| `" + key + "` | MCP server") || key.equals("comment"), key + " documented");
    }
    assertTrue(text.contains("| `mcpServers` | top level"));
  }

  @Test
  void fromCatalog_noServers_none() throws Exception {
    Path f = tmp.resolve("plain.json");
    Files.writeString(f, "{\"models\": {}}");
    assertEquals(List.of(), McpServerSpec.fromCatalog(f));
  }
}
