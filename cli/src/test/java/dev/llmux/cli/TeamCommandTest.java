package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmux team}: the configuration commands and [MOCK] runs end to end, in-process. */
final class TeamCommandTest {

  private static final String PLAN = """
      {"subtasks": [
        {"id": "s1", "title": "one", "spec": "SPEC1", "files": ["a.txt"], "dependencies": [], "acceptance": ["grep -q s1: a.txt"], "size": "small"},
        {"id": "s2", "title": "two", "spec": "SPEC2", "files": ["b.txt"], "dependencies": ["s1"], "acceptance": ["grep -q s2: b.txt"], "size": "small"},
        {"id": "s3", "title": "three", "spec": "SPEC3", "files": ["c.txt"], "dependencies": ["s1"], "acceptance": ["grep -q s3: c.txt"], "size": "small"}
      ]}
      """;

  @TempDir Path tmp;
  private Path teams;
  private Path runs;
  private Path ws;

  @BeforeEach
  void setUp() throws Exception {
    teams = tmp.resolve("teams");
    runs = tmp.resolve("runs");
    ws = Files.createDirectories(tmp.resolve("ws"));
    plan("plan.json", PLAN);
  }

  private Path plan(String name, String text) throws Exception {
    return Files.writeString(tmp.resolve(name), text);
  }

  private CliRun create(String name, String planFile, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("team", "create", name, "--teams", teams.toString(), "--lead",
        "mock:" + tmp.resolve(planFile), "--teammates", "mock", "--mock-millis", "0", "--max-attempts", "1"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private CliRun run(String name, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("team", "run", name, "build three files", "--dir", ws.toString(),
        "--teams", teams.toString(), "--store", runs.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void createListShowDelete_roundTrip() {
    assertEquals(0, create("alpha", "plan.json", "--parallel", "3").exitCode());
    CliRun list = CliRun.of("team", "list", "--teams", teams.toString());
    assertTrue(list.out().startsWith("alpha"), list.out());
    assertTrue(list.out().contains("3 x mock teammates (solo), approval auto"), list.out());
    CliRun show = CliRun.of("team", "show", "alpha", "--teams", teams.toString());
    assertTrue(show.out().contains("\"parallel\" : 3"), show.out());
    assertEquals(2, create("alpha", "plan.json").exitCode(), "exists without --force");
    assertEquals(0, CliRun.of("team", "delete", "alpha", "--teams", teams.toString()).exitCode());
    CliRun again = CliRun.of("team", "delete", "alpha", "--teams", teams.toString());
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("no team 'alpha'"), again.err());
    CliRun bad = create("Bad Name", "plan.json");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("is not allowed: use 1 to 64 lower-case letters"), bad.err());
  }

  @Test
  void run_inline_summaryTableAndFilesWrittenBack() throws Exception {
    create("alpha", "plan.json");
    CliRun r = run("alpha");
    assertEquals(0, r.exitCode(), r.err() + r.out());
    assertTrue(r.err().startsWith("[MOCK] team alpha"), r.err());
    assertTrue(r.out().contains("review: [pass] parallel-files"), r.out());
    assertTrue(r.out().contains("decision: plan 1 approved (auto): 3 subtasks, order s1 s2 s3"), r.out());
    assertTrue(r.out().contains("3 done, 0 failed, 0 skipped of 3"), r.out());
    assertTrue(Files.readString(ws.resolve("c.txt")).startsWith("s3: three"));
    String id = r.err().split("run ")[1].split(" ")[0];
    CliRun status = CliRun.of("team", "status", id, "--store", runs.toString());
    assertEquals(0, status.exitCode(), status.err());
    assertTrue(status.out().contains("review of plan 1:\n  [pass] acceptance"), status.out());
    assertTrue(status.out().contains("decision: approved (auto)"), status.out());
    assertTrue(status.out().contains("run " + id + ": finished"), status.out());
    CliRun listed = CliRun.of("team", "status", "--store", runs.toString());
    assertTrue(listed.out().startsWith(id) && listed.out().contains(" finished  alpha "), listed.out());
  }

  @Test
  void run_json_everyLineIsOneJsonObject() throws Exception {
    create("alpha", "plan.json");
    CliRun r = run("alpha", "--ui", "json");
    assertEquals(0, r.exitCode(), r.err());
    ObjectMapper m = new ObjectMapper();
    List<String> lines = r.out().lines().toList();
    for (String l : lines) {
      assertTrue(m.readTree(l).isObject(), l);
    }
    JsonNode last = m.readTree(lines.get(lines.size() - 1));
    assertEquals("summary", last.path("kind").asText());
    assertEquals(3, last.path("subtasks").size());
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"done\"") && l.contains("\"subtask\":\"s2\"")));
  }

  @Test
  void run_barWithoutTerminal_fallsBackToInline() {
    create("alpha", "plan.json");
    CliRun r = run("alpha", "--ui", "bar");
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(r.out().contains("\u001b["), "no cursor movement when stdout is not a terminal");
    assertTrue(r.out().contains("[s1] done (attempt 1"), r.out());
  }

  @Test
  void run_failedSubtask_exit1AndDependentsListedAsSkipped() throws Exception {
    plan("failing.json", PLAN.replace("SPEC1", "[mock:fail]"));
    create("beta", "failing.json");
    CliRun r = run("beta");
    assertEquals(1, r.exitCode(), r.err() + r.out());
    assertTrue(r.out().contains("0 done, 1 failed, 2 skipped of 3 (skipped: s2, s3)"), r.out());
    assertTrue(r.out().contains("dependency s1 failed"), r.out());
  }

  @Test
  void run_criteriaMode_stopsWithTheReportAndWritesNothing() throws Exception {
    create("gamma", "plan.json", "--approval", "criteria");
    CliRun r = run("gamma");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("[pass] budget: estimated $0.0000 (12 steps x $0.0000) of $1.0000"), r.out());
    assertTrue(r.out().contains(": stopped"), r.out());
    try (var s = Files.list(ws)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void run_badInput_clearErrorsAndExitCodes() throws Exception {
    create("alpha", "plan.json");
    CliRun empty = CliRun.of("team", "run", "alpha", "  ", "--dir", ws.toString(), "--teams", teams.toString(), "--store",
        runs.toString());
    assertEquals(2, empty.exitCode());
    assertTrue(empty.err().contains("the task is empty"), empty.err());
    Files.writeString(teams.resolve("broken.json"), "{\"name\": \"broken\", \"lead\": 7}");
    CliRun broken = run("broken");
    assertEquals(2, broken.exitCode());
    assertTrue(broken.err().contains("team file " + teams.resolve("broken.json") + ": $.lead must be a non-empty string"),
        broken.err());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun down = CliRun.of("team", "run", "alpha", "x", "--dir", ws.toString(), "--teams", teams.toString(), "--store",
        "redis://127.0.0.1:" + port + "/0");
    assertEquals(3, down.exitCode(), down.err());
    assertTrue(down.err().contains("does not answer"), down.err());
    CliRun worker = CliRun.of("team", "worker", "--store", runs.toString());
    assertEquals(2, worker.exitCode());
    CliRun unknown = CliRun.of("team", "status", "nope", "--store", runs.toString());
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("no run 'nope'"), unknown.err());
  }
}
