package dev.llmux.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.Backends;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.gguf.GgufFile;
import dev.llmux.engine.gguf.ModelFormatException;
import dev.llmux.engine.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ModelManagerTest {

  private static Catalog catalog(String budget, String extraModels) {
    String tiny = TestModels.tiny().toString();
    return Catalog.parse("""
        {"memoryBudget": "%s",
         "models": {"a": {"path": "%s", "threads": 1, "contextSize": 512},
                    "b": {"path": "%s", "threads": 1, "contextSize": 512}%s},
         "roles": {"primary": ["a", "b"], "summarizer": "b"}}""".formatted(budget, tiny, tiny, extraModels),
        Path.of("llmux.json"), k -> null);
  }

  private static ModelManager manager(Catalog c) {
    return new ModelManager(c, r -> {
      throw new AssertionError("no remote models here");
    }, Backends::fallback);
  }

  @Test
  void model_loadsLazilyOnceAndReservesItsEstimate() {
    try (ModelManager m = manager(catalog("1GiB", ""))) {
      assertEquals(0, m.loadedModels().size());
      Backend a = m.model("a");
      assertSame(a, m.model("a"));
      long estimate = GgufFile.read(TestModels.tiny()).memoryEstimate(512, 1, "f16").totalBytes();
      assertEquals(estimate, m.reservedBytes());
      assertEquals("a", a.chat(ChatRequest.builder().rawPrompt("hi").maxTokens(2).build()).backend());
    }
  }

  @Test
  void backend_roleWithChain_isOneFallbackBackendNamedAfterTheRole() {
    try (ModelManager m = manager(catalog("1GiB", ""))) {
      Backend primary = m.backend("primary");
      assertEquals("primary", primary.name());
      assertSame(primary, m.backend("primary"));
      assertEquals(2, m.loadedModels().size());
      assertEquals("b", m.backend("summarizer").name());
    }
  }

  @Test
  void model_beyondTheBudget_isRefusedNamingWhatHoldsMemory() {
    long one = GgufFile.read(TestModels.tiny()).memoryEstimate(512, 1, "f16").totalBytes();
    try (ModelManager m = manager(catalog(Long.toString(one + one / 2), ""))) {
      m.model("a");
      BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> m.model("b"));
      assertTrue(e.getMessage().contains("memory budget") && e.getMessage().contains("[a]"), e.getMessage());
      assertEquals(1, m.loadedModels().size());
    }
  }

  @Test
  void model_brokenFile_isAFormatErrorAndNothingLoads(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.gguf"), "GGUF but not really");
    try (ModelManager m = manager(catalog("1GiB", ", \"bad\": {\"path\": \"" + bad + "\"}"))) {
      assertThrows(ModelFormatException.class, () -> m.model("bad"));
      assertEquals(0, m.loadedModels().size());
    }
  }
}
