package dev.llmux.agent.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.agent.tools.InvalidCall.Kind;
import dev.llmux.engine.StopReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ToolCallParserTest {

  private final ToolSet tools = Tools.standard();
  private final ToolCallParser parser = new ToolCallParser(tools);

  private Kind kindOf(String text) {
    ToolCallParser.Result r = parser.parse(text);
    return assertInstanceOf(ToolCallParser.Invalid.class, r, "expected invalid: " + text).error().kind();
  }

  @Test
  void parse_validWriteCall_returnsTheCall() {
    ToolCallParser.Result r = parser.parse("  {\"tool\": \"write_file\", \"args\": {\"path\": \"a.py\", \"content\": \"x = 1\\n\"}}\n");
    ToolCall call = assertInstanceOf(ToolCallParser.Valid.class, r).call();
    assertEquals("write_file", call.tool());
    assertEquals(Map.of("path", "a.py", "content", "x = 1\n"), call.args());
  }

  @Test
  void parse_optionalArgumentLeftOut_isValid() {
    assertInstanceOf(ToolCallParser.Valid.class, parser.parse("{\"tool\": \"list_files\", \"args\": {}}"));
    assertInstanceOf(ToolCallParser.Valid.class, parser.parse("{\"args\": {}, \"tool\": \"run_tests\"}"));
  }

  @Test
  void parse_prose_isNotJson() {
    assertEquals(Kind.NOT_JSON, kindOf("Sure, I will write the file."));
    assertEquals(Kind.NOT_JSON, kindOf("```json\n{\"tool\": \"run_tests\", \"args\": {}}\n```"));
    assertEquals(Kind.EMPTY, kindOf("   "));
  }

  @Test
  void parse_unknownTool_listsTheTools() {
    ToolCallParser.Invalid r = (ToolCallParser.Invalid) parser.parse("{\"tool\": \"run_shell\", \"args\": {\"cmd\": \"ls\"}}");
    assertEquals(Kind.UNKNOWN_TOOL, r.error().kind());
    assertTrue(r.error().message().contains("write_file, read_file, list_files, run_tests, finish"), r.error().message());
  }

  @Test
  void parse_missingArgument_namesIt() {
    ToolCallParser.Invalid r = (ToolCallParser.Invalid) parser.parse("{\"tool\": \"write_file\", \"args\": {\"path\": \"a.py\"}}");
    assertEquals(Kind.MISSING_ARGUMENT, r.error().kind());
    assertTrue(r.error().message().contains("'content'"), r.error().message());
  }

  @Test
  void parse_extraArgument_isRefused() {
    assertEquals(Kind.EXTRA_ARGUMENT, kindOf("{\"tool\": \"read_file\", \"args\": {\"path\": \"a\", \"mode\": \"r\"}}"));
    assertEquals(Kind.EXTRA_ARGUMENT, kindOf("{\"tool\": \"run_tests\", \"args\": {\"verbose\": true}}"));
  }

  @Test
  void parse_wrongType_isRefused() {
    assertEquals(Kind.WRONG_TYPE, kindOf("{\"tool\": \"read_file\", \"args\": {\"path\": 3}}"));
    assertEquals(Kind.WRONG_TYPE, kindOf("{\"tool\": \"read_file\", \"args\": {\"path\": null}}"));
  }

  @Test
  void parse_twoCalls_isRefused() {
    assertEquals(Kind.TWO_CALLS, kindOf("{\"tool\": \"run_tests\", \"args\": {}} {\"tool\": \"finish\", \"args\": {}}"));
    assertEquals(Kind.TWO_CALLS, kindOf("[{\"tool\": \"run_tests\", \"args\": {}}, {\"tool\": \"finish\", \"args\": {}}]"));
  }

  @Test
  void parse_trailingText_isRefused() {
    assertEquals(Kind.TRAILING_TEXT, kindOf("{\"tool\": \"run_tests\", \"args\": {}} I ran the tests"));
    assertEquals(Kind.TRAILING_TEXT, kindOf("{\"tool\": \"run_tests\", \"args\": {}} 42"));
  }

  @Test
  void parse_badShape_isRefused() {
    assertEquals(Kind.BAD_SHAPE, kindOf("{\"tool\": \"run_tests\"}"));
    assertEquals(Kind.BAD_SHAPE, kindOf("{\"tool\": \"run_tests\", \"args\": [], \"why\": 1}"));
    assertEquals(Kind.BAD_SHAPE, kindOf("{\"name\": \"run_tests\", \"args\": {}}"));
    assertEquals(Kind.BAD_SHAPE, kindOf("{\"tool\": \"run_tests\", \"args\": \"none\"}"));
    assertEquals(Kind.NOT_AN_OBJECT, kindOf("\"run_tests\""));
    assertEquals(Kind.NOT_JSON, kindOf("{\"tool\": \"run_tests\", \"tool\": \"finish\", \"args\": {}}"));
  }

  @Test
  void parse_cutOffAnswer_isNeverACall_evenWhenItParses() {
    String complete = "{\"tool\": \"run_tests\", \"args\": {}}";
    ToolCallParser.Result r = parser.parse(complete, StopReason.LENGTH, 10);
    assertEquals(Kind.CUT_OFF, assertInstanceOf(ToolCallParser.Invalid.class, r).error().kind());
    assertInstanceOf(ToolCallParser.Valid.class, parser.parse(complete, StopReason.END, 10));
  }

  @Test
  void schema_hasOneBranchPerTool_withConstNamesAndClosedArgs() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(tools.schema());
    JsonNode oneOf = schema.get("oneOf");
    assertEquals(tools.names().size(), oneOf.size());
    for (int i = 0; i < oneOf.size(); i++) {
      JsonNode branch = oneOf.get(i);
      assertEquals(tools.names().get(i), branch.at("/properties/tool/const").asText());
      assertEquals(false, branch.at("/properties/args/additionalProperties").asBoolean(true));
      assertEquals(false, branch.get("additionalProperties").asBoolean(true));
    }
    assertEquals("[\"path\",\"content\"]", oneOf.get(0).at("/properties/args/required").toString());
  }

  @Test
  void describe_namesEveryToolAndItsArguments() {
    String words = tools.describe();
    for (Tool t : tools.tools()) {
      assertTrue(words.contains("- " + t.name() + "("), words);
      for (ToolParam p : t.params()) {
        assertTrue(words.contains(p.name() + ": " + p.type().jsonType()), words);
      }
    }
  }
}
