package dev.llmux.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JsonFieldsTest {

  private final JsonFields f = JsonFields.of("catalog c.json", IllegalStateException::new);

  @Test
  void number_outOfRange_namesFilePathAndRange() {
    JsonNode n = f.parse("{\"a\": {\"x\": -3}}");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> f.number(f.object(n, "$", "a"), "$.a", "x", 0.001, 1e6));
    assertEquals("catalog c.json: $.a.x is -3.0: use a number from 0.001 to 1000000.0", e.getMessage());
  }

  @Test
  void optionalFields_absentOrNull_giveTheFallback() {
    JsonNode n = f.parse("{\"a\": null}");
    assertEquals(7, f.integer(n, "$", "a", 0, 10, 7));
    assertEquals("d", f.text(n, "$", "b", "d"));
    assertNull(f.optionalObject(n, "$", "a"));
    assertTrue(f.optionalArray(n, "$", "a").isEmpty());
  }

  @Test
  void onlyKeys_unknownKey_listsTheKnownOnes() {
    JsonNode n = f.parse("{\"thread\": 2}");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.onlyKeys(n, "$", "threads", "ctx"));
    assertEquals("catalog c.json: $.thread is not a known key: use one of [ctx, threads]", e.getMessage());
  }

  @Test
  void text_withEnvironment_replacesReferencesAndNamesAMissingOne() {
    JsonFields env = f.withEnvironment(Map.of("HOME_DIR", "/h", "N", "4")::get);
    JsonNode n = env.parse("{\"p\": \"${HOME_DIR}/m.gguf\", \"k\": \"${NOPE}\", \"t\": \"${N}\"}");
    assertEquals("/h/m.gguf", env.text(n, "$", "p"));
    assertEquals(4, env.integer(n, "$", "t", 1, 64));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.text(n, "$", "k"));
    assertTrue(e.getMessage().contains("$.k") && e.getMessage().contains("NOPE"), e.getMessage());
    assertEquals("${NOPE}", f.text(f.parse("{\"k\": \"${NOPE}\"}"), "$", "k"), "without an environment text stays as written");
  }

  @Test
  void parse_syntaxError_namesLineAndColumn() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.parse("{\n  \"a\": ,\n}"));
    assertTrue(e.getMessage().startsWith("catalog c.json is not valid JSON at line 2"), e.getMessage());
  }

  @Test
  void parse_beyondNestingLimit_namesTheLimit() {
    String deep = "[".repeat(10_000);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.parse(deep));
    assertTrue(e.getMessage().startsWith("catalog c.json is beyond what llmux reads"), e.getMessage());
    assertTrue(e.getMessage().contains("depth"), e.getMessage());
  }

  @Test
  void parse_empty_saysSo() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.parse("  "));
    assertEquals("catalog c.json is empty: it must hold a JSON document", e.getMessage());
  }
}
