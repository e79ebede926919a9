package dev.llmux.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.Backends;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.Price;
import dev.llmux.engine.gguf.GgufFile;
import dev.llmux.engine.gguf.ModelFormatException;
import dev.llmux.engine.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    return manager(c, new ModelPins(null));
  }

  private static ModelManager manager(Catalog c, ModelPins pins) {
    return new ModelManager(c, r -> {
      throw new AssertionError("no remote models here");
    }, Backends::fallback, pins);
  }

  private static Catalog pinned(String sha) {
    return Catalog.parse("""
        {"models": {"a": {"path": "%s", "threads": 1, "contextSize": 512, "sha256": "%s"}}}"""
        .formatted(TestModels.tiny(), sha), Path.of("llmux.json"), k -> null);
  }

  @Test
  void model_pinMismatch_isRefusedNamingTheFileAndBothHashes() {
    ModelPins pins = new ModelPins(null);
    String actual = pins.rehash(TestModels.tiny());
    String wrong = "ab".repeat(32);
    try (ModelManager m = manager(pinned(wrong), pins)) {
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> m.model("a"));
      assertTrue(e.getMessage().contains(TestModels.tiny().toString()) && e.getMessage().contains(actual)
          && e.getMessage().contains(wrong), e.getMessage());
      assertEquals(0, m.loadedModels().size());
    }
  }

  @Test
  void model_pinnedEveryLoad_isCheckedButHashedOnce() {
    ModelPins pins = new ModelPins(null);
    String sha = pins.rehash(TestModels.tiny());
    assertEquals(1, pins.hashed());
    for (int i = 0; i < 2; i++) {
      try (ModelManager m = manager(pinned(sha), pins)) {
        assertEquals("a", m.model("a").name());
      }
    }
    assertEquals(1, pins.hashed(), "the remembered verdict of the unchanged file was used for both loads");
  }

  @Test
  void models_role_isItsBackendsInOrder() {
    try (ModelManager m = manager(catalog("1GiB", ""))) {
      assertEquals(List.of("a", "b"), m.models("primary").stream().map(Backend::name).toList());
      assertEquals(List.of("b"), m.models("summarizer").stream().map(Backend::name).toList());
      assertEquals(Price.FREE, m.price("a"));
    }
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
