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
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import dev.llmux.engine.testing.TestModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent loop over real llama.cpp inference: two local backends on the tiny synthetic model
 * (random weights) answer under the grammar made from the tool-call schema. Their content is
 * noise, but every answer must parse as a valid tool call, the tools run in the real sandbox
 * harness, and the trajectory is written.
 */
final class SyntheticModelAgentTest {

  @TempDir Path tmp;

  @Test
  void run_syntheticGgufModels_everyAnswerIsAValidToolCall() {
    Task task = Tasks.loadAll(TestTasks.bundledDir()).stream().filter(t -> t.name().equals("py-expr-eval")).findFirst().orElseThrow();
    Path file = tmp.resolve("synthetic.jsonl");
    try (LlamaBackend a = LlamaBackend.load(LocalModelSpec.builder("tiny-a", TestModels.tiny()).threads(1).contextSize(16384).build());
        LlamaBackend b = LlamaBackend.load(LocalModelSpec.builder("tiny-b", TestModels.tiny()).threads(1).contextSize(16384).build());
        SandboxTestHarness harness = SandboxTestHarness.withDefaults(Sandbox.detect());
        TrajectoryWriter w = TrajectoryWriter.open(file)) {
      Agent agent = Agent.builder()
          .policy(new RecordingPolicy("tiny-a", "tiny-b"))
          .backend(a)
          .backend(b)
          // This test is about the grammar; compaction (its own test below) would change the prompts
          // and so the noise answers, one of which may then run to the token limit (a cut-off answer).
          .contextShare(1.0)
          .evaluator(harness)
          .config(AgentConfig.builder().maxSteps(4).build())
          .build();
      List<EpisodeResult> results = Bench.run(agent, List.of(task), 1, w);
      EpisodeResult r = results.get(0);
      assertEquals(0, r.invalidCalls(), "the grammar must keep every answer a valid tool call: "
          + TrajectoryReader.read(file).steps().stream().filter(s -> !s.hasNonNull("call")).map(Object::toString)
              .map(l -> l.length() > 600 ? l.substring(0, 300) + " ... " + l.substring(l.length() - 300) : l).toList());
      assertFalse(r.success(), "random weights do not solve tasks");
      assertTrue(r.steps() >= 1);
    }
    TrajectoryReader.Contents c = TrajectoryReader.read(file);
    assertEquals(1, c.episodes().size());
    assertTrue(c.steps().stream().allMatch(s -> s.hasNonNull("call")));
    assertTrue(c.steps().stream().allMatch(s -> s.get("backend").asText().startsWith("tiny-")));
  }

  @Test
  void run_historyOutgrowsASmallContext_isCompactedAndNoCallFails() {
    Task task = Tasks.loadAll(TestTasks.bundledDir()).stream().filter(t -> t.name().equals("py-expr-eval")).findFirst().orElseThrow();
    List<String> errors = new java.util.ArrayList<>();
    try (LlamaBackend a = LlamaBackend.load(LocalModelSpec.builder("tiny-a", TestModels.tiny()).threads(1).contextSize(4096).build());
        SandboxTestHarness harness = SandboxTestHarness.withDefaults(Sandbox.detect());
        dev.llmux.agent.workspace.Workspace ws = Bench.prepare(task)) {
      Agent agent = Agent.builder().backend(a).evaluator(harness)
          .config(AgentConfig.builder().maxSteps(4).maxTokens(128).build()).build();
      EpisodeResult r = agent.run(task, ws, new StepListener() {
        @Override
        public void onStep(StepRecord step) {
          if (step.outcome() instanceof StepOutcome.BackendError e) {
            errors.add(e.message());
          }
        }
      });
      assertTrue(errors.isEmpty(), errors.toString());
      assertTrue(r.end() != EpisodeEnd.BACKEND_FAILURE && r.end() != EpisodeEnd.CONTEXT_FULL, r.end().toString());
    }
  }

  @Test
  void run_promptBeyondTheOnlyContext_endsContextFullWithoutAskingAgain() {
    Task task = Tasks.loadAll(TestTasks.bundledDir()).stream().filter(t -> t.name().equals("py-expr-eval")).findFirst().orElseThrow();
    List<String> errors = new java.util.ArrayList<>();
    try (LlamaBackend a = LlamaBackend.load(LocalModelSpec.builder("tiny-a", TestModels.tiny()).threads(1).contextSize(256).build());
        SandboxTestHarness harness = SandboxTestHarness.withDefaults(Sandbox.detect());
        dev.llmux.agent.workspace.Workspace ws = Bench.prepare(task)) {
      Agent agent = Agent.builder().backend(a).evaluator(harness).config(AgentConfig.builder().maxSteps(4).build()).build();
      EpisodeResult r = agent.run(task, ws, new StepListener() {
        @Override
        public void onStep(StepRecord step) {
          if (step.outcome() instanceof StepOutcome.BackendError e) {
            errors.add(e.message());
          }
        }
      });
      assertEquals(EpisodeEnd.CONTEXT_FULL, r.end());
      assertEquals(1, r.modelCalls(), "a request that cannot fit is never asked again");
      assertEquals(1, errors.size());
      assertTrue(errors.get(0).contains("even after compacting"), errors.get(0));
    }
  }
}
