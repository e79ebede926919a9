package dev.llmux.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.Backend;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library door on a catalog of two tiny models (real llama.cpp) and on one model file. */
final class LlmuxTest {

  @TempDir Path dir;

  private static ChatRequest hello() {
    return ChatRequest.builder().user("Hello").temperature(0).maxTokens(4).ignoreEos(true).build();
  }

  @Test
  void open_catalog_givesModelsRolesChainsAndRoutedSets() throws Exception {
    Path catalog = dir.resolve("llmux.json");
    String model = TestModels.tiny().toAbsolutePath().toString().replace("\\", "\\\\");
    Files.writeString(catalog, """
        {"models": {"a": {"path": "%s", "threads": 1, "contextSize": 256, "warmup": false},
                    "b": {"path": "%s", "threads": 1, "contextSize": 256, "warmup": false}},
         "roles": {"primary": ["a", "b"], "second": "b"}}""".formatted(model, model));
    try (Llmux llmux = Llmux.open(catalog)) {
      assertEquals(List.of("a", "b"), llmux.models());
      assertEquals(List.of("primary", "second"), llmux.roles());
      assertEquals("b", llmux.backend("second").name());
      Backend chain = llmux.backend("primary");
      assertEquals("a", chain.chat(hello()).backend(), "a chain answers from its first model");
      RoutedBackend routed = llmux.routed("primary", "baseline.Always(b)");
      ChatResponse r = routed.chat(hello());
      assertEquals("b", r.backend());
      assertEquals(4, r.usage().completionTokens());
      assertTrue(routed == llmux.routed("primary", "baseline.Always(b)"), "made once per role and policy");
      ConfigException e = assertThrows(ConfigException.class, () -> llmux.backend("nobody"));
      assertTrue(e.getMessage().contains("nobody"), e.getMessage());
    }
  }

  @Test
  void open_modelFile_servesThatModelByItsName() {
    try (Llmux llmux = Llmux.open(TestModels.tiny())) {
      assertEquals(List.of("tiny-q8_0"), llmux.models());
      assertEquals(4, llmux.backend("tiny-q8_0").chat(hello()).usage().completionTokens());
      assertEquals(4, llmux.routed("tiny-q8_0", "bandit.Ucb1").chat(hello()).usage().completionTokens());
    }
  }

  @Test
  void open_missingModelFile_saysSo() {
    ConfigException e = assertThrows(ConfigException.class, () -> Llmux.open(dir.resolve("none.gguf")));
    assertTrue(e.getMessage().contains("none.gguf"), e.getMessage());
  }
}
