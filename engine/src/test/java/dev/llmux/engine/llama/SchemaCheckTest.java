package dev.llmux.engine.llama;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.InvalidRequestException;
import org.junit.jupiter.api.Test;

final class SchemaCheckTest {

  private static String rejected(String schema) {
    return assertThrows(InvalidRequestException.class, () -> SchemaCheck.check(schema)).getMessage();
  }

  @Test
  void check_supportedSchema_passes() {
    assertDoesNotThrow(() -> SchemaCheck.check("""
        {"type":"object","properties":{"tool":{"enum":["a","b"]},"args":{"$ref":"#/$defs/Args"}},
         "required":["tool"],"additionalProperties":false,
         "$defs":{"Args":{"type":"object","properties":{"n":{"type":"integer"}}}}}"""));
  }

  @Test
  void check_malformedJson_namesTheProblem() {
    assertTrue(rejected("{\"type\": ").contains("not valid JSON"));
  }

  @Test
  void check_unknownType_namesPathAndType() {
    String m = rejected("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"strin\"}}}");
    assertTrue(m.contains("$.properties.x.type") && m.contains("strin"), m);
  }

  @Test
  void check_danglingRef_isRejected() {
    assertTrue(rejected("{\"$ref\":\"#/$defs/Missing\"}").contains("does not resolve"));
    assertTrue(rejected("{\"$ref\":\"https://example.com/s.json\"}").contains("local references"));
  }

  @Test
  void check_nonObjectSchema_isRejected() {
    assertTrue(rejected("[1,2]").contains("JSON object"));
    assertTrue(rejected("{\"anyOf\":[]}").contains("non-empty"));
    assertTrue(rejected("{\"required\":\"x\"}").contains("required"));
  }

  @Test
  void check_schemaPastTheParsersLimits_namesTheLimit() {
    for (String doc : dev.llmux.engine.testing.OversizedJson.all("type")) {
      String message = rejected(doc);
      assertTrue(message.startsWith("jsonSchema ") && message.contains(dev.llmux.engine.testing.OversizedJson.LIMIT_WORDS),
          message);
    }
  }
}
