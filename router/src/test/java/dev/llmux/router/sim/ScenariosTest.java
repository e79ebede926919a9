package dev.llmux.router.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.sim.Scenario.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ScenariosTest {

  @TempDir Path dir;

  @Test
  void preset_everyPreset_loads() {
    for (String name : Scenarios.presets()) {
      Scenario s = Scenarios.preset(name);
      assertEquals(name, s.name());
      assertFalse(s.backends().isEmpty());
      assertFalse(s.description().isBlank());
    }
  }

  @Test
  void preset_toy_isTheSeedsThreeModels() {
    assertEquals(List.of("fast", "balanced", "strong"), Scenarios.preset("toy").backendNames());
  }

  @Test
  void preset_qwenCoder_carriesAidersPublishedFiguresAndCitesEveryBackend() {
    Scenario s = Scenarios.preset("qwen-coder");
    assertEquals(List.of("qwen-0.5b", "qwen-1.5b", "qwen-3b", "qwen-7b", "qwen-14b-gpu", "qwen-32b-gpu", "cloud-sonnet"),
        s.backendNames());
    Map<String, double[]> aider = Map.of(
        "qwen-0.5b", new double[] {0.143, 0.143},
        "qwen-1.5b", new double[] {0.286, 0.316},
        "qwen-3b", new double[] {0.338, 0.391},
        "qwen-7b", new double[] {0.519, 0.579},
        "qwen-14b-gpu", new double[] {0.586, 0.692},
        "qwen-32b-gpu", new double[] {0.594, 0.714},
        "cloud-sonnet", new double[] {0.692, 0.842});
    for (Profile p : s.backends()) {
      assertEquals(aider.get(p.name())[0], p.published().firstTry(), 1e-12, p.name());
      assertEquals(aider.get(p.name())[1], p.published().afterFeedback(), 1e-12, p.name());
      assertFalse(p.sources().isEmpty(), p.name() + " cites no source");
    }
    assertTrue(s.sources().stream().anyMatch(src -> src.url().contains("aider")));
  }

  @Test
  void load_profilesFile_readsTheSameAsThePreset() throws Exception {
    Path file = dir.resolve("fleet.json");
    Files.writeString(file, Scenarios.presetText("primary-under-load"));
    assertEquals(Scenarios.preset("primary-under-load"), Scenarios.load(file));
  }

  private ConfigException invalid(String json) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, json);
    ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.load(file));
    assertTrue(e.getMessage().startsWith("profiles file " + file), e.getMessage());
    return e;
  }

  private static String toy(String from, String to) {
    String text = Scenarios.presetText("toy");
    assertTrue(text.contains(from), from);
    return text.replace(from, to);
  }

  @Test
  void load_probabilityAboveOne_namesTheJsonPath() throws Exception {
    ConfigException e = invalid(toy("\"firstTry\": {\"easy\": 0.92", "\"firstTry\": {\"easy\": 1.92"));
    assertTrue(e.getMessage().contains("$.backends[0].firstTry.easy is 1.92"), e.getMessage());
  }

  @Test
  void load_misspeltKey_isRejected() throws Exception {
    ConfigException e = invalid(toy("\"decodeTokensPerSecond\": 120", "\"decodeTokensPerSec\": 120"));
    assertTrue(e.getMessage().contains("$.backends[0].decodeTokensPerSec is not a known key"), e.getMessage());
  }

  @Test
  void load_missingPassRates_saysHowToGiveThem() throws Exception {
    ConfigException e = invalid(toy("\"firstTry\": {\"easy\": 0.92, \"medium\": 0.55, \"hard\": 0.05},\n"
        + "      \"retry\": {\"easy\": 0.50, \"medium\": 0.25, \"hard\": 0.02},", ""));
    assertTrue(e.getMessage().contains("$.backends[0] gives no pass rates"), e.getMessage());
  }

  @Test
  void load_duplicateNames_areRejected() throws Exception {
    ConfigException e = invalid(toy("\"name\": \"balanced\"", "\"name\": \"fast\""));
    assertTrue(e.getMessage().contains("repeats the name 'fast'"), e.getMessage());
  }

  @Test
  void load_mixNotSummingToOne_isRejected() throws Exception {
    ConfigException e = invalid(toy("\"hard\": 0.25}", "\"hard\": 0.5}"));
    assertTrue(e.getMessage().contains("$.workload.difficulty shares add up to"), e.getMessage());
  }

  @Test
  void load_foreignJson_saysWhatIsExpected() throws Exception {
    ConfigException e = invalid("{\"compilerOptions\": {}}");
    assertTrue(e.getMessage().contains("not an llmux profiles file"), e.getMessage());
  }

  @Test
  void load_periodEndingBeforeItStarts_isRejected() throws Exception {
    ConfigException e = invalid(toy("\"ttftSeconds\": 0.2,", "\"ttftSeconds\": 0.2, \"slowPeriods\": [{\"start\": 100, \"end\": 50, \"factor\": 2}],"));
    assertTrue(e.getMessage().contains("$.backends[0].slowPeriods[0].end is 50"), e.getMessage());
  }

  @Test
  void load_truncatedFile_isNotValidJson() throws Exception {
    String text = Scenarios.presetText("toy");
    ConfigException e = invalid(text.substring(0, text.length() / 2));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void preset_unknownName_listsThePresets() {
    ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.preset("gpt-zoo"));
    assertTrue(e.getMessage().contains("qwen-coder"), e.getMessage());
  }
}
