package dev.llmux.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class PlanCheckTest {

  @Test
  void problems_soundPlan_none() {
    assertEquals(List.of(), PlanCheck.problems(Plans.eight("x")));
  }

  @Test
  void problems_duplicateId_named() {
    Plan p = new Plan(List.of(Plans.sub("s1", "a"), Plans.sub("s1", "b")));
    assertEquals(List.of("duplicate id s1: give every subtask its own id"), PlanCheck.problems(p));
  }

  @Test
  void problems_unknownAndSelfDependency_named() {
    Plan p = new Plan(List.of(Plans.sub("s1", "a", "s9"), Plans.sub("s2", "b", "s2")));
    List<String> problems = PlanCheck.problems(p);
    assertTrue(problems.contains("s1 depends on unknown subtask s9: the ids are [s1, s2]"), problems.toString());
    assertTrue(problems.contains("s2 depends on itself"), problems.toString());
  }

  @Test
  void problems_cycle_namedInOrder() {
    Plan p = new Plan(List.of(Plans.sub("s1", "a", "s3"), Plans.sub("s2", "b", "s1"), Plans.sub("s3", "c", "s2"),
        Plans.sub("s4", "d")));
    assertEquals(List.of("the dependencies form a cycle s1 -> s3 -> s2 -> s1: break it"), PlanCheck.problems(p));
  }

  @Test
  void problems_emptyPlan_refused() {
    assertEquals(List.of("the plan has no subtasks: give at least one"), PlanCheck.problems(new Plan(List.of())));
  }

  @Test
  void order_kahn_dependenciesFirst() {
    List<String> order = PlanCheck.order(Plans.eight("x"));
    assertEquals(List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"), order);
    Plan reversed = new Plan(List.of(Plans.sub("s2", "b", "s1"), Plans.sub("s1", "a")));
    assertEquals(List.of("s1", "s2"), PlanCheck.order(reversed));
  }

  @Test
  void mayRunInParallel_transitiveDependency_false() {
    Plan p = Plans.eight("x");
    assertFalse(PlanCheck.mayRunInParallel(p, "s1", "s8"));
    assertTrue(PlanCheck.mayRunInParallel(p, "s3", "s5"));
  }

  @Test
  void parse_shapeErrors_nameTheJsonPath() {
    assertEquals("the plan is empty: answer one JSON object {\"subtasks\": [...]}",
        assertThrows(PlanFormatException.class, () -> Plan.parse("  ")).getMessage());
    assertEquals("$.subtasks[0].size: 'huge' is not small, medium or large",
        assertThrows(PlanFormatException.class, () -> Plan.parse("{\"subtasks\":[{\"id\":\"s1\",\"title\":\"t\",\"spec\":\"s\","
            + "\"files\":[],\"dependencies\":[],\"acceptance\":[\"true\"],\"size\":\"huge\"}]}")).getMessage());
    assertEquals("$.subtasks[0].files[1]: must be a string",
        assertThrows(PlanFormatException.class, () -> Plan.parse("{\"subtasks\":[{\"id\":\"s1\",\"title\":\"t\",\"spec\":\"s\","
            + "\"files\":[\"a\",3],\"dependencies\":[],\"acceptance\":[\"true\"],\"size\":\"small\"}]}")).getMessage());
    assertTrue(assertThrows(PlanFormatException.class, () -> Plan.parse("x".repeat(Plan.MAX_CHARS + 1))).getMessage()
        .startsWith("the plan is too large"));
    assertTrue(assertThrows(PlanFormatException.class, () -> Plan.parse("{\"subtasks\": [")).getMessage()
        .startsWith("the plan is not valid JSON"));
  }

  @Test
  void parse_roundTrip_samePlan() {
    Plan p = Plans.eight("spec");
    assertEquals(p, Plan.parse(p.toJsonText()));
  }

  @Test
  void schema_everyLimitMatchesTheCheck() throws Exception {
    var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(PlanSchema.text());
    var list = schema.path("properties").path("subtasks");
    assertEquals(PlanSchema.MAX_SUBTASKS, list.path("maxItems").asInt());
    assertEquals(PlanSchema.MAX_SUBTASKS, list.path("items").path("properties").path("id").path("enum").size());
    assertFalse(list.path("items").path("additionalProperties").asBoolean(true));
  }
}
