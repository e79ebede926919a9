package dev.llmux.agent.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.agent.AgentBackends;
import dev.llmux.agent.AgentSetup;
import dev.llmux.agent.Bench;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.trajectory.TrajectoryExport;
import dev.llmux.agent.trajectory.TrajectoryReader;
import dev.llmux.engine.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code writer-reviewer-tester} on the [MOCK] tiers and roles, with the real sandbox harness. */
final class WriterReviewerTesterTest {

  @TempDir Path tmp;

  @Test
  void run_mockRoles_everyRoleWorksAndIsRecordedWithItsRoleAndWorkflow() {
    Task task = Tasks.load(TestTasks.bundledDir().resolve("py-palindrome"));
    Path traj = tmp.resolve("wrt.jsonl");
    Workflow workflow = Workflows.named(Workflows.WRITER_REVIEWER_TESTER);
    EpisodeResult r;
    try (AgentSetup setup = AgentSetup.builder()
        .backends(AgentBackends.mock(List.of(task), 5, 0))
        .router("fixed:mock-strong")
        .workflow(workflow)
        .trajectory(traj)
        .build()) {
      r = Bench.run(setup.agent(), workflow, List.of(task), 1, setup.trajectory()).get(0);
      assertTrue(setup.agent().invalidCalls().rates().stream().anyMatch(rate -> rate.backend().startsWith("reviewer:")));
      assertEquals(1, setup.agent().role("tester").router().backends().size());
    }
    TrajectoryReader.Contents c = TrajectoryReader.read(traj);
    assertEquals(1, c.episodes().size(), "one episode line for the whole workflow");
    Set<String> roles = c.steps().stream().map(s -> s.path("role").asText()).collect(Collectors.toSet());
    assertEquals(Set.of("writer", "reviewer", "tester"), roles);
    assertTrue(c.steps().stream().allMatch(s -> s.path("workflow").asText().equals(Workflows.WRITER_REVIEWER_TESTER)));
    assertTrue(c.steps().stream().allMatch(s -> s.path("runId").asText().equals(r.runId())));
    JsonNode review = c.steps().stream().filter(s -> s.path("role").asText().equals("reviewer")).findFirst().orElseThrow();
    assertTrue(review.path("reply").asBoolean(), review.toString());
    assertTrue(review.path("answer").asText().contains("\"verdict\""), review.toString());
    assertTrue(r.modelCalls() >= r.steps() + 2, "the writer's calls plus a review and a test file per round");
    List<Integer> stepNumbers = c.steps().stream().filter(s -> s.path("attempt").asInt() == 0).map(s -> s.path("step").asInt()).toList();
    assertEquals(stepNumbers.size(), Set.copyOf(stepNumbers).size(), "steps are numbered once across roles: " + stepNumbers);
  }

  @Test
  void export_role_keepsOnlyThatRolesCalls() throws Exception {
    Task task = Tasks.load(TestTasks.bundledDir().resolve("py-palindrome"));
    Path traj = tmp.resolve("wrt.jsonl");
    Workflow workflow = Workflows.named(Workflows.WRITER_REVIEWER_TESTER);
    try (AgentSetup setup = AgentSetup.builder().backends(AgentBackends.mock(List.of(task), 5, 0)).router("fixed:mock-strong")
        .workflow(workflow).trajectory(traj).build()) {
      Bench.run(setup.agent(), workflow, List.of(task), 1, setup.trajectory());
    }
    Path out = tmp.resolve("reviewer.jsonl");
    TrajectoryExport.Summary s = TrajectoryExport.export(List.of(traj), out, new TrajectoryExport.Filter(false, true, "reviewer"));
    assertTrue(s.examples() >= 1);
    for (String line : Files.readAllLines(out)) {
      assertTrue(line.contains("You review code"), line);
    }
  }

  @Test
  void build_catalogWithoutTheReviewerRole_namesTheRoleAndTheFile() throws Exception {
    Path catalog = tmp.resolve("llmux.json");
    Files.writeString(catalog, """
        {"models": {"a": {"path": "%s", "contextSize": 512, "threads": 1}}, "roles": {"primary": "a", "tester": "a"}}"""
        .formatted(dev.llmux.engine.testing.TestModels.tiny().toString().replace("\\", "\\\\")));
    ConfigException e = assertThrows(ConfigException.class, () -> AgentSetup.builder()
        .backends(AgentBackends.fromCatalog(catalog))
        .workflow(Workflows.named(Workflows.WRITER_REVIEWER_TESTER))
        .trajectory(tmp.resolve("never.jsonl"))
        .build());
    assertTrue(e.getMessage().contains("'reviewer'") && e.getMessage().contains(catalog.toString()), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("never.jsonl")));
  }
}
