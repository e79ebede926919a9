package dev.llmux.agent.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.tools.Tool;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.agent.tools.ToolContext;
import dev.llmux.agent.tools.ToolResult;
import dev.llmux.agent.tools.ToolSet;
import dev.llmux.agent.tools.Tools;
import dev.llmux.agent.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference MCP filesystem server ({@code @modelcontextprotocol/server-filesystem}, not written
 * by this project) through {@link McpTools}: its tools are offered beside the built-in ones, calls
 * reach the episode's workspace and nothing outside it, and its process is gone afterwards.
 */
final class McpFilesystemServerTest {

  @TempDir Path tmp;

  private static Tool tool(McpTools mcp, String name) {
    return mcp.tools().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no tool " + name + " among " + mcp.tools().stream().map(Tool::name).toList()));
  }

  private ToolContext context(Workspace ws) {
    return new ToolContext(ws, TestTasks.pythonAdd(tmp), () -> TestReport.unverified(1, "", "not run"));
  }

  @Test
  void tools_areListedWithPrefixedNames_typedOrGeneric_besideTheBuiltInOnes() {
    try (McpTools mcp = McpTools.start(List.of(McpTestServers.filesystem("fs")))) {
      ToolSet set = mcp.addTo(Tools.standard());
      assertTrue(set.names().containsAll(List.of("read_file", "write_file", "fs_read_text_file", "fs_list_directory",
          "fs_edit_file")), set.names().toString());
      Tool read = tool(mcp, "fs_read_text_file");
      assertEquals(List.of("path", "tail", "head"), read.params().stream().map(p -> p.name()).toList());
      assertFalse(read.changesWorkspace(), "read-only per the server's annotation");
      Tool edit = tool(mcp, "fs_edit_file");
      assertEquals(List.of(McpTool.ARGUMENTS), edit.params().stream().map(p -> p.name()).toList(),
          "edits is an array of objects: one JSON-text argument");
      assertTrue(edit.changesWorkspace());
      assertTrue(set.schema().contains("\"const\":\"fs_list_directory\""), "in the grammar's schema");
      assertTrue(set.describe().contains("[MCP server fs]"), set.describe());
    }
    assertEquals(List.of(), McpTestServers.processesWith("server-filesystem"), "no server process left");
  }

  @Test
  void toolsKey_offersOnlyTheListedTools_andAnUnknownNameIsAnError() {
    try (McpTools mcp = McpTools.start(List.of(McpTestServers.filesystem("fs").withTools(List.of("list_directory",
        "read_text_file"))))) {
      assertEquals(List.of("fs_read_text_file", "fs_list_directory"), mcp.tools().stream().map(Tool::name).toList());
    }
    McpServerException e = org.junit.jupiter.api.Assertions.assertThrows(McpServerException.class,
        () -> McpTools.start(List.of(McpTestServers.filesystem("fs").withTools(List.of("read_everything")))));
    assertTrue(e.getMessage().contains("has no tool 'read_everything'") && e.getMessage().contains("read_text_file"),
        e.getMessage());
    assertEquals(List.of(), McpTestServers.processesWith("server-filesystem"), "no server process left");
  }

  @Test
  void calls_readAndListTheWorkspace_refuseOutside_andEndWithTheEpisode() throws Exception {
    String token = UUID.randomUUID().toString();
    try (McpTools mcp = McpTools.start(List.of(McpTestServers.filesystem("fs"))); Workspace ws = Workspace.createTemp()) {
      Files.writeString(ws.root().resolve("notes.txt"), "token " + token + "\n");
      ToolContext ctx = context(ws);
      ToolResult list = tool(mcp, "fs_list_directory").run(new ToolCall("fs_list_directory",
          Map.of("path", ws.root().toString())), ctx);
      assertTrue(list.ok() && list.observation().contains("notes.txt"), list.observation());
      ToolResult read = tool(mcp, "fs_read_text_file").run(new ToolCall("fs_read_text_file",
          Map.of("path", ws.root().resolve("notes.txt").toString())), ctx);
      assertTrue(read.ok() && read.observation().contains(token), read.observation());
      ToolResult outside = tool(mcp, "fs_read_text_file").run(new ToolCall("fs_read_text_file",
          Map.of("path", "/etc/hostname")), ctx);
      assertFalse(outside.ok(), outside.observation());
      assertTrue(outside.observation().toLowerCase().contains("denied"), outside.observation());
      assertEquals(1, McpTestServers.processesWith("server-filesystem").size(), "one server, started for the workspace");
      mcp.tools().forEach(Tool::endEpisode);
      assertEquals(List.of(), McpTestServers.processesWith("server-filesystem"), "stopped at the episode's end");
    }
  }

  @Test
  void genericArguments_areValidatedAgainstTheSchema_thenSent() throws Exception {
    try (McpTools mcp = McpTools.start(List.of(McpTestServers.filesystem("fs"))); Workspace ws = Workspace.createTemp()) {
      Path file = ws.root().resolve("a.py");
      Files.writeString(file, "x = 1\n");
      Tool edit = tool(mcp, "fs_edit_file");
      ToolResult notJson = edit.run(new ToolCall("fs_edit_file", Map.of(McpTool.ARGUMENTS, "{path: a.py")), context(ws));
      assertFalse(notJson.ok());
      assertTrue(notJson.observation().contains("must be one JSON object"), notJson.observation());
      ToolResult noEdits = edit.run(new ToolCall("fs_edit_file", Map.of(McpTool.ARGUMENTS,
          "{\"path\": \"" + file + "\"}")), context(ws));
      assertFalse(noEdits.ok());
      assertTrue(noEdits.observation().contains("do not fit its schema") && noEdits.observation().contains("edits"),
          noEdits.observation());
      assertEquals("x = 1\n", Files.readString(file), "nothing sent");
      ToolResult ok = edit.run(new ToolCall("fs_edit_file", Map.of(McpTool.ARGUMENTS, "{\"path\": \"" + file
          + "\", \"edits\": [{\"oldText\": \"x = 1\", \"newText\": \"x = 2\"}]}")), context(ws));
      assertTrue(ok.ok(), ok.observation());
      assertEquals("x = 2\n", Files.readString(file));
      mcp.tools().forEach(Tool::endEpisode);
    }
  }
}
