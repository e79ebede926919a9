package dev.llmux.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import dev.llmux.engine.testing.TestModels;
import dev.llmux.team.mock.ScriptedTeammate;
import dev.llmux.team.store.FileRunStore;
import dev.llmux.team.store.RunInfo;
import dev.llmux.team.store.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lead as a real local model (the synthetic tiny model: real llama.cpp inference, noise text):
 * under the plan's grammar every answer is a plan of the schema's shape, whatever the noise; the
 * run then checks and re-asks as it would with any lead.
 */
final class SyntheticLeadTest {

  @TempDir Path tmp;

  @Test
  void backendLead_syntheticModel_everyAnswerHasThePlansShapeAndTheRunReasks() throws Exception {
    try (LlamaBackend tiny = LlamaBackend.load(LocalModelSpec.builder("tiny", TestModels.tiny()).threads(1).contextSize(16384).build());
        FileRunStore store = new FileRunStore(tmp.resolve("runs"))) {
      BackendLead lead = new BackendLead(tiny, 7);
      Set<String> ids = Set.of("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10");
      for (int i = 0; i < 3; i++) {
        Plan plan;
        try {
          plan = Plan.parse(lead.plan("write add(a, b) with a test", List.of(), List.of("review " + i)));
        } catch (PlanFormatException e) {
          // the one allowed refusal is a plan cut off at the token limit, named as such
          assertTrue(e.getMessage().startsWith("the plan was cut off at the token limit"), e.getMessage());
          continue;
        }
        assertTrue(plan.subtasks().size() >= 1 && plan.subtasks().size() <= PlanSchema.MAX_SUBTASKS);
        for (Subtask s : plan.subtasks()) {
          assertTrue(ids.contains(s.id()), s.id());
          assertTrue(ids.containsAll(s.dependencies()), s.dependencies().toString());
          assertTrue(s.acceptance().size() >= 1 && s.acceptance().size() <= PlanSchema.MAX_LIST);
        }
      }
      Path dir = Files.createDirectories(tmp.resolve("ws"));
      Team team = new Team("t", "model:tiny", "llmux.json", "solo", "mock", 1, ApprovalMode.AUTO, "inline",
          new Budget(1, 0, 1, 2, 1), 0);
      TeamRunner runner = TeamRunner.builder().store(store).lead(lead).teammate(new ScriptedTeammate(0))
          .checks(new AcceptanceChecks(Sandbox.detect())).build();
      RunInfo run = runner.execute(runner.start(team, "write add(a, b) with a test", dir).id());
      long reviews = run.history().findValues("kind").stream().filter(k -> k.asText().equals("review")).count();
      if (run.status() == RunStatus.STOPPED) {
        assertEquals(2, reviews, "both plans were reviewed before the run stopped: " + run.history());
      } else {
        assertEquals(RunStatus.FINISHED, run.status());
        assertTrue(run.history().toString().contains("\"decision\":\"approved\""), run.history().toString());
      }
    }
  }
}
