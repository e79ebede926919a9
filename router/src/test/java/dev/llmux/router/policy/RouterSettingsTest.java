package dev.llmux.router.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RouterSettingsTest {

  @TempDir Path dir;

  @Test
  void defaults_readTheCommentedResource() {
    RouterSettings s = RouterSettings.defaults();
    assertEquals(0.01, s.reward().lambda());
    assertEquals(0.3, s.tabularQ().epsilon());
    assertEquals(50000, s.training().episodes());
    assertTrue(s.regimes().slowRatio() > 1);
  }

  @Test
  void load_partialFile_overridesOnlyWhatItNames() throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(file, "{ // comments are allowed\n \"tabularQ\": {\"alpha\": 0.2}, \"reward\": {\"mu\": 3}}");
    RouterSettings s = RouterSettings.load(file);
    assertEquals(0.2, s.tabularQ().alpha());
    assertEquals(3, s.reward().mu());
    assertEquals(RouterSettings.defaults().reward().lambda(), s.reward().lambda());
    assertEquals(RouterSettings.defaults().tabularQ().gamma(), s.tabularQ().gamma());
  }

  @Test
  void load_misspeltKey_namesTheJsonPathAndTheKnownKeys() throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(file, "{\"tabularQ\": {\"alhpa\": 0.2}}");
    ConfigException e = assertThrows(ConfigException.class, () -> RouterSettings.load(file));
    assertTrue(e.getMessage().contains("$.tabularQ.alhpa"), e.getMessage());
    assertTrue(e.getMessage().contains("alpha"), e.getMessage());
  }

  @Test
  void load_valueOutOfRange_saysTheAllowedRange() throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(file, "{\"tabularQ\": {\"gamma\": 1.5}}");
    ConfigException e = assertThrows(ConfigException.class, () -> RouterSettings.load(file));
    assertTrue(e.getMessage().contains("$.tabularQ.gamma is 1.5"), e.getMessage());
  }

  @Test
  void load_notJson_isAClearError() throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(file, "{\"tabularQ\": ");
    ConfigException e = assertThrows(ConfigException.class, () -> RouterSettings.load(file));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void load_missingFile_namesThePath() {
    ConfigException e = assertThrows(ConfigException.class, () -> RouterSettings.load(dir.resolve("none.json")));
    assertTrue(e.getMessage().contains("none.json"), e.getMessage());
  }
}
