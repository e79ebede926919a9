package dev.llmux.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.TestDoubles.RecordingPolicy;
import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.task.SandboxTestHarness;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.trajectory.TrajectoryReader;
import dev.llmux.agent.trajectory.TrajectoryWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With backends that answer schema-valid noise (what a synthetic GGUF model under the tool-call
 * grammar produces), the loop runs end to end through the real sandbox harness: every answer is a
 * valid call, hostile-looking paths are refused, the episode ends by its limits and the
 * trajectory is written. The same test against the engine's local backend with a generated
 * synthetic model belongs with the engine's llama.cpp backend.
 */
final class NoiseModelEndToEndTest {

  @TempDir Path tmp;

  @Test
  void run_schemaValidNoise_runsEndToEnd_withEveryAnswerValid() {
    Task task = Tasks.loadAll(TestTasks.bundledDir()).stream().filter(t -> t.name().startsWith("py-")).findFirst().orElseThrow();
    Path file = tmp.resolve("noise.jsonl");
    try (SandboxTestHarness harness = SandboxTestHarness.withDefaults(Sandbox.detect());
        TrajectoryWriter w = TrajectoryWriter.open(file)) {
      Agent agent = Agent.builder()
          .policy(new RecordingPolicy("noise-a", "noise-b"))
          .backend(new SchemaNoiseBackend("noise-a", 1))
          .backend(new SchemaNoiseBackend("noise-b", 2))
          .evaluator(harness)
          .config(AgentConfig.builder().maxSteps(10).build())
          .build();
      List<EpisodeResult> results = Bench.run(agent, List.of(task, task), 1, w);
      for (EpisodeResult r : results) {
        assertEquals(0, r.invalidCalls(), "a grammar-valid answer was rejected");
        assertFalse(r.success());
        assertTrue(r.steps() >= 1);
      }
    }
    TrajectoryReader.Contents c = TrajectoryReader.read(file);
    assertEquals(2, c.episodes().size());
    assertTrue(c.steps().stream().allMatch(s -> s.hasNonNull("call")));
  }
}
