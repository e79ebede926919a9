package dev.llmux.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.FallbackBackend;
import dev.llmux.engine.http.WireFormat;
import dev.llmux.engine.testing.FakeProviderServer;
import dev.llmux.engine.testing.FakeProviderServer.Reply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RemoteModelsTest {

  private static ModelManager manager(Catalog c, Map<String, String> env) {
    return new ModelManager(c, r -> RemoteModels.create(c, r, env::get), (role, chain) -> FallbackBackend.of(role, chain));
  }

  @Test
  void create_catalogEntry_talksToTheConfiguredServerWithTheKeyFromTheEnvironment() {
    try (FakeProviderServer server = FakeProviderServer.start(WireFormat.OPENAI_CHAT)) {
      server.enqueue(Reply.text("Hello", " there"));
      Catalog c = Catalog.parse("""
          {"models": {"remote": {"provider": "openai", "model": "m1", "baseUrl": "%s", "apiKey": "${MY_KEY}",
                                 "headers": {"X-Team": "llmux"}, "inputPricePerMillion": 0.15}},
           "roles": {"primary": "remote"}}""".formatted(server.baseUrl()), Path.of("llmux.json"), k -> null);
      try (ModelManager m = manager(c, Map.of("MY_KEY", "sk-catalog-KEY"))) {
        Backend b = m.backend("primary");
        ChatResponse r = b.chat(ChatRequest.builder().user("hi").maxTokens(8).build());
        assertEquals("Hello there", r.text());
        assertEquals("Bearer sk-catalog-KEY", server.chatLog().get(0).header("Authorization"));
        assertEquals("llmux", server.chatLog().get(0).header("X-Team"));
        assertEquals("m1", server.chatLog().get(0).json().get("model").asText());
      }
    }
  }

  @Test
  void create_missingKeyVariable_namesTheVariableWhenUsed() {
    Catalog c = Catalog.parse("{\"models\": {\"cloud\": {\"provider\": \"openai\", \"model\": \"gpt-4o-mini\"}}}",
        Path.of("llmux.json"), k -> null);
    try (ModelManager m = manager(c, Map.of())) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> m.backend("cloud")
          .chat(ChatRequest.builder().user("hi").build()));
      assertTrue(e instanceof ConfigException || e instanceof BackendException, e.toString());
      assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    }
  }

  @Test
  void create_keyVariableTheUserWroteIsUnset_onAPresetWithoutAKey_isAnErrorNamingIt() {
    Catalog c = Catalog.parse("""
        {"models": {"local": {"provider": "llama-server", "model": "m", "baseUrl": "http://127.0.0.1:9/v1",
                              "apiKey": "${MISSING_VAR}"}}}""", Path.of("llmux.json"), k -> null);
    try (ModelManager m = manager(c, Map.of())) {
      ConfigException e = assertThrows(ConfigException.class, () -> m.backend("local"));
      assertTrue(e.getMessage().contains("MISSING_VAR") && e.getMessage().contains("not set or empty"), e.getMessage());
      assertTrue(e.getMessage().contains("'local'"), e.getMessage());
    }
  }

  @Test
  void create_unknownProviderOrKey_isAConfigErrorWithPath() {
    Catalog c = Catalog.parse("{\"models\": {\"x\": {\"provider\": \"opneai\", \"model\": \"m\"}}}",
        Path.of("llmux.json"), k -> null);
    try (ModelManager m = manager(c, Map.of())) {
      ConfigException e = assertThrows(ConfigException.class, () -> m.backend("x"));
      assertTrue(e.getMessage().contains("$.models.x.provider") && e.getMessage().contains("openai"), e.getMessage());
    }
    Catalog c2 = Catalog.parse("{\"models\": {\"x\": {\"provider\": \"ollama\", \"model\": \"m\", \"timeout\": 3}}}",
        Path.of("llmux.json"), k -> null);
    try (ModelManager m = manager(c2, Map.of())) {
      ConfigException e = assertThrows(ConfigException.class, () -> m.backend("x"));
      assertTrue(e.getMessage().contains("$.models.x.timeout"), e.getMessage());
    }
  }

  @Test
  void backend_roleWithChain_fallsBackToTheSecondModel() {
    try (FakeProviderServer bad = FakeProviderServer.start(WireFormat.OPENAI_CHAT);
        FakeProviderServer good = FakeProviderServer.start(WireFormat.OPENAI_CHAT)) {
      bad.otherwise(req -> Reply.status(401, "{\"error\":{\"message\":\"bad key\"}}"));
      good.enqueue(Reply.text("from good"));
      Catalog c = Catalog.parse("""
          {"models": {"a": {"provider": "llama-server", "model": "m", "baseUrl": "%s"},
                      "b": {"provider": "llama-server", "model": "m", "baseUrl": "%s"}},
           "roles": {"primary": ["a", "b"]}}""".formatted(bad.baseUrl(), good.baseUrl()), Path.of("llmux.json"),
          k -> null);
      try (ModelManager m = manager(c, Map.of())) {
        ChatResponse r = m.backend("primary").chat(ChatRequest.builder().user("hi").build());
        assertEquals("from good", r.text());
        assertEquals("b", r.backend());
        assertFalse(r.servedBy().contains("a"));
      }
    }
  }
}
