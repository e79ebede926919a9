package dev.llmux.agent.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.agent.Agent;
import dev.llmux.agent.AgentBackends;
import dev.llmux.agent.AgentSetup;
import dev.llmux.agent.Bench;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.mock.MockBackends;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.testing.FunctionBackend;
import java.util.concurrent.atomic.AtomicInteger;
import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.task.SandboxTestHarness;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.trajectory.TrajectoryReader;
import dev.llmux.agent.trajectory.TrajectoryWriter;
import dev.llmux.engine.Backend;
import dev.llmux.router.RoutedBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code planner-implementer} on the [MOCK] tiers and planner, with the real sandbox harness. */
final class PlannerImplementerTest {

  @TempDir Path tmp;

  private static Task palindrome() {
    return Tasks.load(TestTasks.bundledDir().resolve("py-palindrome"));
  }

  @Test
  void run_mockPlanner_implementerCarriesOutThePlanAndEveryLineNamesItsRole() {
    Task task = palindrome();
    Path traj = tmp.resolve("pi.jsonl");
    Workflow workflow = Workflows.named(Workflows.PLANNER_IMPLEMENTER);
    EpisodeResult r;
    try (AgentSetup setup = AgentSetup.builder().backends(AgentBackends.mock(List.of(task), 5, 0)).router("fixed:mock-strong")
        .workflow(workflow).trajectory(traj).build()) {
      r = Bench.run(setup.agent(), workflow, List.of(task), 1, setup.trajectory()).get(0);
    }
    TrajectoryReader.Contents c = TrajectoryReader.read(traj);
    assertEquals(Set.of("planner", "implementer"), c.steps().stream().map(s -> s.path("role").asText()).collect(Collectors.toSet()));
    JsonNode plan = c.steps().stream().filter(s -> s.path("role").asText().equals("planner")).findFirst().orElseThrow();
    assertTrue(plan.path("answer").asText().contains("\"steps\""), plan.toString());
    assertTrue(c.steps().stream().filter(s -> s.path("role").asText().equals("implementer"))
        .anyMatch(s -> s.path("messages").toString().contains("Plan step 1")));
    assertEquals(r.success(), c.episodes().get(0).path("success").asBoolean());
  }

  /** A writer that writes a file that does not even parse, then finishes; over and over. */
  private static Backend brokenWriter(String file) {
    AtomicInteger calls = new AtomicInteger();
    return new FunctionBackend("broken-writer", r -> FunctionBackend.text("broken-writer", calls.getAndIncrement() % 2 == 0
        ? new ToolCall("write_file", Map.of("path", file, "content", "def broken(:\n")).toJson()
        : new ToolCall("finish", Map.of("summary", "done")).toJson(), StopReason.END));
  }

  @Test
  void run_implementerThatNeverGetsItRight_planIsRevisedThenTheEpisodeEnds() {
    Task task = palindrome();
    Backend writer = brokenWriter(task.solutionFiles().get(0));
    Backend planner = MockBackends.roles(List.of(task), 1, 0).get("planner").get("mock-planner");
    Path traj = tmp.resolve("revise.jsonl");
    EpisodeResult r;
    try (SandboxTestHarness harness = SandboxTestHarness.withDefaults(Sandbox.detect());
        TrajectoryWriter w = TrajectoryWriter.open(traj)) {
      Agent agent = Agent.builder().backend(writer).evaluator(harness)
          .role("planner", RoutedBackend.builder().name("planner").backend(planner).build()).build();
      r = Bench.run(agent, Workflows.named(Workflows.PLANNER_IMPLEMENTER), List.of(task), 1, w).get(0);
    }
    assertFalse(r.success());
    List<JsonNode> plans = TrajectoryReader.read(traj).steps().stream().filter(s -> s.path("role").asText().equals("planner")).toList();
    assertEquals(1 + PlannerImplementer.REVISIONS, plans.size(), "the first plan and each revision");
    assertTrue(plans.get(1).path("messages").toString().contains("Failed step"), plans.get(1).toString());
  }
}
