package dev.llmux.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TeamsTest {

  @TempDir Path dir;

  static Team team(String name) {
    return new Team(name, "mock:plan.json", "", "solo", "mock", 2, ApprovalMode.AUTO, "inline", Budget.DEFAULT, 10);
  }

  @Test
  void saveLoadListDelete_roundTrip() {
    Teams teams = new Teams(dir.resolve("teams"));
    teams.save(team("b"), false);
    teams.save(team("a"), false);
    assertEquals(List.of("a", "b"), teams.names());
    assertEquals(team("a"), teams.load("a"));
    assertTrue(teams.delete("a"));
    assertEquals(List.of("b"), teams.names());
    assertEquals("team b exists (" + teams.file("b") + "): delete it first or give --force",
        assertThrows(TeamException.class, () -> teams.save(team("b"), false)).getMessage());
  }

  @Test
  void load_corruptFile_namesFileAndJsonPath() throws Exception {
    Teams teams = new Teams(dir);
    Files.writeString(dir.resolve("x.json"), "{\"name\": \"x\", \"lead\": \"mock:p\", \"parallel\": \"two\"}");
    String m = assertThrows(TeamException.class, () -> teams.load("x")).getMessage();
    assertTrue(m.startsWith("team file " + dir.resolve("x.json") + ": $.parallel "), m);
    Files.writeString(dir.resolve("y.json"), "{\"name\": \"y\", \"lead\": \"mock:p\", \"budget\": {\"maxAttemps\": 2}}");
    String m2 = assertThrows(TeamException.class, () -> teams.load("y")).getMessage();
    assertTrue(m2.contains(dir.resolve("y.json") + ": $.budget.maxAttemps is not a known key"), m2);
    Files.writeString(dir.resolve("z.json"), "{\"name\": ");
    assertTrue(assertThrows(TeamException.class, () -> teams.load("z")).getMessage().contains("is not valid JSON"));
  }

  @Test
  void names_badOrEmpty_clearError() {
    assertEquals("the team name is empty: give a name such as 'builders'",
        assertThrows(TeamException.class, () -> Team.checkName(" ")).getMessage());
    assertTrue(assertThrows(TeamException.class, () -> Team.checkName("../etc")).getMessage().contains("is not allowed"));
    assertTrue(assertThrows(TeamException.class, () -> Team.checkName("a".repeat(65))).getMessage().contains("is not allowed"));
  }

  @Test
  void userFolder_xdgFirstThenHome() {
    assertEquals(Path.of("/x/llmux/teams"), Teams.userFolder(Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/h")));
    assertEquals(Path.of("/h/.config/llmux/teams"), Teams.userFolder(Map.of("HOME", "/h")));
    assertEquals(dir.resolve("teams"), Teams.besideCatalog(dir.resolve("llmux.json")));
  }
}
