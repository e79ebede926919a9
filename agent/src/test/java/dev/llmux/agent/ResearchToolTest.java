package dev.llmux.agent;

import static dev.llmux.agent.TestDoubles.answer;
import static dev.llmux.agent.TestDoubles.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.TestDoubles.ContentEvaluator;
import dev.llmux.agent.TestDoubles.RecordingPolicy;
import dev.llmux.agent.TestDoubles.ScriptedBackend;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.workspace.Workspace;
import dev.llmux.router.RoutedBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ResearchToolTest {

  @TempDir Path tmp;

  @Test
  void research_asksTheResearchRole_andItsAnswerIsTheObservation() {
    ScriptedBackend main = new ScriptedBackend("main", r -> answer(call("finish", Map.of())))
        .then(call("research", Map.of("question", "How does Python's functools.lru_cache evict?")));
    ScriptedBackend researcher = new ScriptedBackend("cloud", r -> answer("It evicts the least recently used entry."));
    List<StepRecord> steps = new ArrayList<>();
    try (Workspace ws = Workspace.createTemp()) {
      Agent agent = TestDoubles.agent(RecordingPolicy.firstAvailable("main"), new ContentEvaluator("solution.py", "x"), main)
          .role("research", RoutedBackend.builder().name("research").backend(researcher).build()).build();
      assertTrue(agent.tools().names().contains("research"));
      agent.run(TestTasks.pythonAdd(tmp), ws, new StepListener() {
        @Override
        public void onStep(StepRecord step) {
          steps.add(step);
        }
      });
    }
    assertEquals(1, researcher.requests.size());
    assertTrue(researcher.requests.get(0).messages().get(1).content().contains("lru_cache"));
    assertTrue(steps.get(0).observation().contains("least recently used"), steps.get(0).observation());
  }

  @Test
  void noResearchRole_noResearchTool() {
    Agent agent = TestDoubles.agent(RecordingPolicy.firstAvailable("main"), new ContentEvaluator("solution.py", "x"),
        new ScriptedBackend("main", r -> answer(call("finish", Map.of())))).build();
    assertFalse(agent.tools().names().contains("research"));
  }
}
