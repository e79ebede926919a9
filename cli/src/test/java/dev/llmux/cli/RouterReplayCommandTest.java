package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmux router replay} on trajectory lines. */
final class RouterReplayCommandTest {

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /** Uniform logging over a and b in one state; a earns 1, b earns 0. */
  private Path log() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String backend = i % 2 == 0 ? "a" : "b";
      lines.add("{\"type\":\"step\",\"route\":{\"backend\":\"" + backend + "\",\"state\":0,\"reason\":\"random\","
          + "\"probability\":0.5},\"reward\":{\"value\":" + (backend.equals("a") ? 1 : 0) + ",\"backendFailure\":false}}");
    }
    Path f = dir.resolve("t.jsonl");
    Files.write(f, lines);
    return f;
  }

  @Test
  void replay_alwaysA_isWorthOnePerStep() throws Exception {
    CliRun r = run("router", "replay", log().toString(), "--policy", "baseline.Always(a)", "--backends", "a,b", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode o = new ObjectMapper().readTree(r.out());
    assertEquals(200, o.get("steps").asInt());
    for (JsonNode e : o.get("estimates")) {
      assertEquals(1.0, e.get("value").asDouble(), 1e-9, e.toString());
    }
  }

  @Test
  void replay_text_namesBothEstimates() throws Exception {
    CliRun r = run("router", "replay", log().toString(), "--policy", "baseline.Always(b)", "--backends", "a,b");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("IPS") && r.out().contains("DR") && r.out().contains("0.0000"), r.out());
  }

  @Test
  void replay_badFileOrMissingTarget_isExit2() throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "not json\n");
    CliRun r = run("router", "replay", bad.toString(), "--policy", "baseline.Always(a)", "--backends", "a,b");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("line 1"), r.err());
    CliRun none = run("router", "replay", log().toString());
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("--policy-file"), none.err());
  }
}
