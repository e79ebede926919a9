package dev.llmux.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.llmux.engine.ConfigException;
import dev.llmux.engine.llama.KvCacheType;
import dev.llmux.engine.llama.LocalModelSpec;
import dev.llmux.engine.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CatalogTest {

  private static final Path FILE = Path.of("/etc/llmux/llmux.json");

  private static Catalog parse(String json, Map<String, String> env) {
    return Catalog.parse(json, FILE, env::get);
  }

  private static String error(String json) {
    return assertThrows(ConfigException.class, () -> parse(json, Map.of())).getMessage();
  }

  @Test
  void parse_fullExample_readsModelsRolesAndBudget() {
    Catalog c = parse("""
        {"memoryBudget": "6GiB",
         "models": {
           "qwen": {"path": "models/q.gguf", "contextSize": 2048, "threads": "${THREADS}", "parallel": 2,
                    "kvCacheType": "q8_0", "flashAttention": true, "sha256": "%s"},
           "cloud": {"provider": "openai", "model": "gpt-4o-mini", "apiKey": "${OPENAI_API_KEY}"}},
         "roles": {"primary": ["qwen", "cloud"], "summarizer": "qwen"}}""".formatted("ab".repeat(32)),
        Map.of("THREADS", "3"));
    assertEquals(6L << 30, c.memoryBudgetBytes());
    ModelEntry.Local q = (ModelEntry.Local) c.models().get("qwen");
    LocalModelSpec s = q.spec();
    assertEquals(Path.of("/etc/llmux/models/q.gguf"), s.path());
    assertEquals(2048, s.contextSize());
    assertEquals(3, s.threads());
    assertEquals(3, s.batchThreads());
    assertEquals(2, s.parallel());
    assertEquals(KvCacheType.Q8_0, s.kvCacheType());
    assertTrue(s.flashAttention());
    assertEquals("ab".repeat(32), q.sha256());
    assertEquals("openai", ((ModelEntry.Remote) c.models().get("cloud")).provider());
    assertEquals(List.of("qwen", "cloud"), c.resolve("primary"));
    assertEquals(List.of("qwen"), c.resolve("summarizer"));
    assertEquals(List.of("cloud"), c.resolve("cloud"));
  }

  @Test
  void parse_roleObject_isARoutedSetWithItsOwnPolicy() {
    Catalog c = parse("""
        {"models": {"a": {"path": "a.gguf"}, "b": {"path": "b.gguf"}},
         "roles": {"reviewer": {"models": ["a", "b"], "policy": "bandit.Ucb1", "policyFile": "p/reviewer.json"},
                   "writer": {"models": "b"}}}""", Map.of());
    assertEquals(List.of("a", "b"), c.resolve("reviewer"));
    assertEquals(new Catalog.RoleRouting("bandit.Ucb1", Path.of("/etc/llmux/p/reviewer.json")), c.routing().get("reviewer"));
    assertEquals(List.of("b"), c.resolve("writer"));
    assertFalse(c.routing().containsKey("writer"));
  }

  @Test
  void parse_roleObjectWithoutModelsOrWithAFileButNoPolicy_namesThePath() {
    assertTrue(error("""
        {"models": {"a": {"path": "a.gguf"}}, "roles": {"reviewer": {"policy": "bandit.Ucb1"}}}""")
        .contains("$.roles.reviewer"));
    assertTrue(error("""
        {"models": {"a": {"path": "a.gguf"}}, "roles": {"reviewer": {"models": ["a"], "policyFile": "x.json"}}}""")
        .contains("$.roles.reviewer.policyFile"));
    assertTrue(error("""
        {"models": {"a": {"path": "a.gguf"}}, "roles": {"reviewer": {"models": ["a"], "polcy": "x"}}}""")
        .contains("polcy"));
  }

  @Test
  void requireRole_undefinedRole_namesRoleUserAndFile() {
    Catalog c = parse("""
        {"models": {"a": {"path": "a.gguf"}}, "roles": {"primary": "a"}}""", Map.of());
    ConfigException e = assertThrows(ConfigException.class, () -> c.requireRole("reviewer", "workflow 'writer-reviewer-tester'"));
    assertTrue(e.getMessage().contains("'reviewer'") && e.getMessage().contains("writer-reviewer-tester")
        && e.getMessage().contains(FILE.toString()), e.getMessage());
    assertEquals(List.of("a"), c.requireRole("primary", "x"));
  }

  @Test
  void parse_threadsNotGiven_splitsTheProcessorsAmongTheLocalModels() {
    int cores = Runtime.getRuntime().availableProcessors();
    Catalog one = parse("{\"models\":{\"a\":{\"path\":\"a.gguf\"},\"cloud\":{\"provider\":\"openai\"}}}", Map.of());
    assertEquals(cores, ((ModelEntry.Local) one.models().get("a")).spec().threads());
    Catalog two = parse("{\"models\":{\"primary\":{\"path\":\"p.gguf\"},\"summarizer\":{\"path\":\"s.gguf\"},"
        + "\"pinned\":{\"path\":\"x.gguf\",\"threads\":3}}}", Map.of());
    int split = Math.max(1, cores / 3);
    LocalModelSpec p = ((ModelEntry.Local) two.models().get("primary")).spec();
    assertEquals(split, p.threads());
    assertEquals(split, p.batchThreads());
    assertEquals(split, ((ModelEntry.Local) two.models().get("summarizer")).spec().threads());
    assertEquals(3, ((ModelEntry.Local) two.models().get("pinned")).spec().threads(), "a given value is kept");
  }

  @Test
  void parse_remoteSecret_isNotResolvedIntoTheCatalog() {
    Catalog c = parse("{\"models\":{\"cloud\":{\"provider\":\"openai\",\"apiKey\":\"${KEY}\"}}}", Map.of("KEY", "sk-SECRET"));
    assertFalse(c.toString().contains("sk-SECRET"));
    assertFalse(c.models().get("cloud").toString().contains("sk-SECRET"));
  }

  @Test
  void parse_missingEnvironmentVariable_namesVariableAndPath() {
    String m = error("{\"models\":{\"a\":{\"path\":\"${MODEL_DIR}/a.gguf\"}}}");
    assertTrue(m.contains("$.models.a.path") && m.contains("MODEL_DIR") && m.contains("not set"), m);
  }

  @Test
  void parse_wrongType_namesPathAndExpectation() {
    String m = error("{\"models\":{\"a\":{\"path\":\"a.gguf\",\"threads\":\"many\"}}}");
    assertTrue(m.contains("$.models.a.threads") && m.contains("must be a whole number from 1 to 512, found the string \"many\""), m);
  }

  @Test
  void parse_unknownKey_listsAllowedKeys() {
    String m = error("{\"models\":{\"a\":{\"path\":\"a.gguf\",\"ctx\":4096}}}");
    assertTrue(m.contains("$.models.a.ctx") && m.contains("contextSize"), m);
  }

  @Test
  void parse_roleNamingUnknownModel_isAnError() {
    String m = error("{\"models\":{\"a\":{\"path\":\"a.gguf\"}},\"roles\":{\"primary\":\"b\"}}");
    assertTrue(m.contains("$.roles.primary") && m.contains("'b'"), m);
  }

  @Test
  void parse_absurdValues_areRejectedWithRange() {
    assertTrue(error("{\"models\":{\"a\":{\"path\":\"a.gguf\",\"contextSize\":999999999}}}").contains("contextSize"));
    assertTrue(error("{\"models\":{\"a\":{\"path\":\"a.gguf\",\"threads\":0}}}").contains("threads is 0"));
    assertTrue(error("{\"models\":{\"a\":{\"path\":\"a.gguf\",\"kvCacheType\":\"q4_0\"}}}").contains("flashAttention"));
    assertTrue(error("{\"models\":{\"a\":{\"path\":\"a.gguf\",\"kvCacheType\":\"f8\"}}}").contains("f16, q8_0 or q4_0"));
    assertTrue(error("{\"models\":{\"a\":{\"path\":\"a.gguf\",\"sha256\":\"xyz\"}}}").contains("64 hexadecimal"));
    assertTrue(error("{\"memoryBudget\":\"lots\",\"models\":{}}").contains("memoryBudget"));
  }

  @Test
  void parse_brokenJson_givesLineAndColumn() {
    String m = error("{\"models\": {\n  \"a\": }\n}");
    assertTrue(m.contains("line 2"), m);
  }

  @Test
  void parse_modelWithoutPathOrProvider_saysWhatIsNeeded() {
    assertTrue(error("{\"models\":{\"a\":{}}}").contains("\"path\""));
  }

  @Test
  void load_missingFile_saysHowToFix(@TempDir Path dir) {
    String m = assertThrows(ConfigException.class, () -> Catalog.load(dir.resolve("nope.json"))).getMessage();
    assertTrue(m.contains("does not exist"), m);
  }

  @Test
  void load_relativePath_resolvesAgainstConfigFolder(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("llmux.json");
    Files.writeString(cfg, "{\"models\":{\"a\":{\"path\":\"m/a.gguf\"}}}");
    Catalog c = Catalog.load(cfg, k -> null);
    assertEquals(dir.resolve("m/a.gguf"), ((ModelEntry.Local) c.models().get("a")).spec().path());
    assertNull(((ModelEntry.Local) c.models().get("a")).sha256());
  }

  @Test
  void resolve_unknownName_listsRolesAndModels() {
    Catalog c = parse("{\"models\":{\"a\":{\"path\":\"a.gguf\"}},\"roles\":{\"primary\":\"a\"}}", Map.of());
    String m = assertThrows(ConfigException.class, () -> c.resolve("writer")).getMessage();
    assertTrue(m.contains("writer") && m.contains("primary") && m.contains("a"), m);
  }

  @Test
  void locate_givenFile_isThatFileWhetherOrNotItExists() {
    assertEquals(Optional.of(FILE), Catalog.locate(FILE));
  }

  @Test
  void locate_nothingGivenAndNoDefaultFile_isNone() {
    assumeFalse(Files.exists(Catalog.DEFAULT_FILE));
    assertEquals(Optional.empty(), Catalog.locate(null));
  }

  @Test
  void open_file_givesTheManagerOfItsModels(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("llmux.json"), """
        {"models": {"tiny": {"path": "%s", "threads": 1, "contextSize": 256, "warmup": false}},
         "roles": {"primary": "tiny"}}""".formatted(TestModels.tiny()));
    try (ModelManager m = Catalog.open(file)) {
      assertEquals(file, m.catalog().file());
      assertEquals("tiny", m.backend("primary").name());
    }
  }
}
