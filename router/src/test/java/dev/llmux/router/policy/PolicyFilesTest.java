package dev.llmux.router.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.engine.testing.OversizedJson;
import dev.llmux.router.eval.Trainer;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.rl.TabularQPolicy;
import dev.llmux.router.sim.Scenario;
import dev.llmux.router.sim.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class PolicyFilesTest {

  @TempDir Path dir;

  private static final Scenario TOY = Scenarios.preset("toy");
  private static final RouterSettings SETTINGS = RouterSettings.defaults();

  private static RoutingPolicy trained(String spec) {
    return Trainer.train(TOY, SETTINGS, TOY.reward(), spec, 1500, 5, dev.llmux.router.sim.Progress.NONE).policy();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rl.TabularQ", "bandit.Ucb1", "bandit.Thompson", "contextual.LinUcb"})
  void saveThenLoad_learnedPolicy_keepsEveryValueAndChoice(String spec) {
    RoutingPolicy original = trained(spec);
    Path file = dir.resolve("p.json");
    PolicyFiles.save(original, TOY.backendNames(), file);
    PolicyFiles.Loaded loaded = PolicyFiles.load(file, Registry.standard(), SETTINGS, 1);
    RoutingPolicy copy = loaded.policy();
    assertEquals(spec, copy.name());
    assertEquals(TOY.backendNames(), loaded.context().backends());
    original.freeze();
    copy.freeze();
    Inspectable before = (Inspectable) original;
    Inspectable after = (Inspectable) copy;
    StateSpace space = new StateSpace(3);
    for (Difficulty d : List.of(Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD)) {
      for (int attempt = 0; attempt < 3; attempt++) {
        RouteContext c = new RouteContext(d, attempt, attempt == 0 ? LastOutcome.NONE : LastOutcome.TESTS_FAILED, 900);
        int state = space.state(StateSpace.request(c), 0);
        for (int a = 0; a < 3; a++) {
          assertEquals(before.value(state, a), after.value(state, a), 0, spec + " " + c + " " + a);
          assertEquals(before.experience(state, a), after.experience(state, a));
        }
        assertEquals(original.choose(c, state, 0b111).backend(), copy.choose(c, state, 0b111).backend());
      }
    }
    ((SelfChecking) copy).check();
  }

  @Test
  void save_overwrite_leavesNoTemporaryFilesBehind() throws Exception {
    Path file = dir.resolve("p.json");
    PolicyFiles.save(trained("rl.TabularQ"), TOY.backendNames(), file);
    PolicyFiles.save(trained("rl.TabularQ"), TOY.backendNames(), file);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void load_truncatedFile_isAClearErrorNotAFreshPolicy() throws Exception {
    Path file = dir.resolve("p.json");
    PolicyFiles.save(trained("rl.TabularQ"), TOY.backendNames(), file);
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() / 2));
    PolicyFileException e = assertThrows(PolicyFileException.class,
        () -> PolicyFiles.load(file, Registry.standard(), SETTINGS, 1));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void load_foreignJson_saysItIsNotAPolicy() throws Exception {
    Path file = dir.resolve("package.json");
    Files.writeString(file, "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}");
    PolicyFileException e = assertThrows(PolicyFileException.class,
        () -> PolicyFiles.load(file, Registry.standard(), SETTINGS, 1));
    assertTrue(e.getMessage().contains("is not an llmux router policy"), e.getMessage());
  }

  @Test
  void load_newerVersion_isRefused() throws Exception {
    Path file = dir.resolve("p.json");
    PolicyFiles.save(trained("rl.TabularQ"), TOY.backendNames(), file);
    Files.writeString(file, Files.readString(file).replace("\"version\" : 1", "\"version\" : 2"));
    PolicyFileException e = assertThrows(PolicyFileException.class,
        () -> PolicyFiles.load(file, Registry.standard(), SETTINGS, 1));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
  }

  @Test
  void load_stateOfTheWrongSize_namesTheField() throws Exception {
    Path file = dir.resolve("p.json");
    PolicyFiles.save(trained("rl.TabularQ"), TOY.backendNames(), file);
    String text = Files.readString(file).replaceFirst("\"q\" : \\[ [^,]+,", "\"q\" : [");
    Files.writeString(file, text);
    PolicyFileException e = assertThrows(PolicyFileException.class,
        () -> PolicyFiles.load(file, Registry.standard(), SETTINGS, 1));
    assertTrue(e.getMessage().contains("$.state.q"), e.getMessage());
  }

  @Test
  void load_nonFiniteValue_isRefused() throws Exception {
    Path file = dir.resolve("p.json");
    PolicyFiles.save(trained("rl.TabularQ"), TOY.backendNames(), file);
    String text = Files.readString(file).replaceFirst("\"q\" : \\[ [^,]+,", "\"q\" : [ \"x\",");
    Files.writeString(file, text);
    PolicyFileException e = assertThrows(PolicyFileException.class,
        () -> PolicyFiles.load(file, Registry.standard(), SETTINGS, 1));
    assertTrue(e.getMessage().contains("$.state.q[0]"), e.getMessage());
  }

  @Test
  void load_missingFile_tellsHowToMakeOne() {
    PolicyFileException e = assertThrows(PolicyFileException.class,
        () -> PolicyFiles.load(dir.resolve("none.json"), Registry.standard(), SETTINGS, 1));
    assertTrue(e.getMessage().contains("llmux router train"), e.getMessage());
  }

  @Test
  void load_fileWrittenInTheVersion1Layout_restoresTheTabularQTable() throws Exception {
    StateSpace space = new StateSpace(1);
    int state = space.state(StateSpace.request(RouteContext.first(Difficulty.HARD)), 0);
    int key = space.key(state, 0);
    StringBuilder q = new StringBuilder();
    StringBuilder visits = new StringBuilder();
    for (int i = 0; i < space.keys(); i++) {
      q.append(i == 0 ? "" : ", ").append(i == key ? "0.75" : "0.25");
      visits.append(i == 0 ? "" : ", ").append(i == key ? "3" : "0");
    }
    Path file = dir.resolve("v1.json");
    Files.writeString(file, "{\"format\": \"llmux-router-policy\", \"version\": 1, \"policy\": \"rl.TabularQ\","
        + " \"backends\": [\"only\"], \"stateSpace\": {\"requestStates\": 144, \"backends\": 1},"
        + " \"state\": {\"episodes\": 7, \"updates\": 3, \"epsilon\": 0.05, \"q\": [" + q + "], \"visits\": ["
        + visits + "]}}");
    RoutingPolicy p = PolicyFiles.load(file, Registry.standard(), SETTINGS, 1).policy();
    TabularQPolicy tabular = (TabularQPolicy) p;
    assertEquals(0.75, tabular.value(state, 0));
    assertEquals(3, tabular.experience(state, 0));
    assertEquals(0.25, tabular.value(space.state(StateSpace.request(RouteContext.first(Difficulty.EASY)), 0), 0));
    assertEquals(7, tabular.episodes());
    assertEquals(3, tabular.updates());
    assertEquals(0.05, tabular.epsilon());
    tabular.check();
  }

  @ParameterizedTest
  @CsvSource({"rl.TabularQ, episodes updates epsilon q visits", "bandit.Ucb1, counts means",
      "bandit.Thompson, counts sums", "baseline.Random, ''"})
  void save_policy_writesTheVersion1StateFields(String spec, String fields) throws Exception {
    Path file = dir.resolve("p.json");
    PolicyFiles.save(trained(spec), TOY.backendNames(), file);
    JsonNode state = new ObjectMapper().readTree(file.toFile()).get("state");
    List<String> names = new ArrayList<>();
    state.fieldNames().forEachRemaining(names::add);
    assertEquals(fields.isEmpty() ? List.of() : List.of(fields.split(" ")), names);
    for (String table : List.of("q", "means", "sums")) {
      if (state.has(table)) {
        assertTrue(state.get(table).get(0).isFloatingPointNumber(), table + " holds numbers");
        JsonNode counts = state.has("visits") ? state.get("visits") : state.get("counts");
        assertTrue(counts.get(0).isIntegralNumber(), "counts are whole numbers");
      }
    }
  }

  @Test
  void load_documentPastTheParsersLimits_namesTheFileAndTheLimit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.json");
    for (String doc : OversizedJson.all("format")) {
      Files.writeString(file, doc);
      PolicyFileException e = assertThrows(PolicyFileException.class,
          () -> PolicyFiles.load(file, Registry.standard(), SETTINGS, 1));
      assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(OversizedJson.LIMIT_WORDS),
          e.getMessage());
    }
  }
}
