package dev.llmux.agent.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.AgentException;
import org.junit.jupiter.api.Test;

final class WorkflowsTest {

  @Test
  void named_eachRegisteredName_givesTheWorkflowOfThatName() {
    for (String name : Workflows.names()) {
      assertEquals(name, Workflows.named(name).name());
    }
    assertTrue(Workflows.names().contains(Workflows.SOLO));
  }

  @Test
  void named_unknownName_failsListingTheKnownOnes() {
    AgentException e = assertThrows(AgentException.class, () -> Workflows.named("pair-programming"));
    assertTrue(e.getMessage().contains("pair-programming") && e.getMessage().contains(Workflows.SOLO), e.getMessage());
  }
}
