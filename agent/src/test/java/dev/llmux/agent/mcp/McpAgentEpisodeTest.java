package dev.llmux.agent.mcp;

import static dev.llmux.agent.TestDoubles.answer;
import static dev.llmux.agent.TestDoubles.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.Agent;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.StepRecord;
import dev.llmux.agent.TestDoubles;
import dev.llmux.agent.TestDoubles.ContentEvaluator;
import dev.llmux.agent.TestDoubles.RecordingPolicy;
import dev.llmux.agent.TestDoubles.ScriptedBackend;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.tools.Tools;
import dev.llmux.agent.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent episode end to end with the reference MCP filesystem server: a scripted [MOCK] backend
 * answers with JSON calls of the server's tools (relative paths, as a model writes them), the
 * observations hold the workspace's real content, and the server is gone when the episode ends.
 */
final class McpAgentEpisodeTest {

  @TempDir Path tmp;

  @Test
  void episode_callsTheFilesystemServersTools_andSeesTheWorkspace() throws Exception {
    String token = UUID.randomUUID().toString();
    ScriptedBackend mock = new ScriptedBackend("mock", r -> answer(call("finish", Map.of())))
        .then(call("fs_list_directory", Map.of("path", ".")))
        .then(call("fs_read_text_file", Map.of("path", "notes.txt", "head", 1L)));
    List<StepRecord> steps = new ArrayList<>();
    try (McpTools mcp = McpTools.start(List.of(McpTestServers.filesystem("fs"))); Workspace ws = Workspace.createTemp()) {
      Files.writeString(ws.root().resolve("notes.txt"), "token " + token + "\nsecond line\n");
      Agent agent = TestDoubles.agent(RecordingPolicy.firstAvailable("mock"), new ContentEvaluator("solution.py", "x"), mock)
          .tools(mcp.addTo(Tools.standard())).build();
      agent.run(TestTasks.pythonAdd(tmp), ws, new StepListener() {
        @Override
        public void onStep(StepRecord step) {
          steps.add(step);
        }
      });
      assertEquals(List.of(), McpTestServers.processesWith("server-filesystem"), "the server ended with the episode");
    }
    assertTrue(mock.requests.get(0).jsonSchema().contains("\"const\":\"fs_read_text_file\""),
        "the MCP tools are in the schema the answer is constrained by");
    assertTrue(mock.requests.get(0).messages().get(0).content().contains("fs_list_directory"), "and in the prompt");
    assertTrue(steps.get(0).observation().contains("[FILE] notes.txt"), steps.get(0).observation());
    assertEquals("token " + token, steps.get(1).observation().strip(), "head 1: the first line only");
  }
}
