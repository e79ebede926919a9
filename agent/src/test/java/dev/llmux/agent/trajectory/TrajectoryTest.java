package dev.llmux.agent.trajectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.agent.Agent;
import dev.llmux.agent.Bench;
import dev.llmux.agent.TestDoubles.ContentEvaluator;
import dev.llmux.agent.TestDoubles.RecordingPolicy;
import dev.llmux.agent.mock.MockBackends;
import dev.llmux.agent.mock.MockTier;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.engine.testing.OversizedJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TrajectoryTest {

  @TempDir Path tmp;

  private Path runEpisodes(int episodes, MockTier tier) {
    Task task = Tasks.loadAll(TestTasks.bundledDir()).get(0);
    String file = task.solutionFiles().get(0);
    Agent agent = Agent.builder().policy(new RecordingPolicy(tier.name()))
        .backends(MockBackends.of(List.of(tier), List.of(task), 11, 0).values())
        .evaluator(new ContentEvaluator(file, Tasks.reference(task, file))).build();
    Path out = tmp.resolve("t.jsonl");
    try (TrajectoryWriter w = TrajectoryWriter.open(out)) {
      Bench.run(agent, List.of(task), episodes, w);
    }
    return out;
  }

  @Test
  void write_stepLines_carryEverythingAFineTuneNeeds() {
    Path file = runEpisodes(2, MockTier.STRONG.withInvalidRate(0));
    TrajectoryReader.Contents c = TrajectoryReader.read(file);
    assertFalse(c.droppedTail());
    assertEquals(2, c.episodes().size());
    JsonNode s = c.steps().get(0);
    for (String field : List.of("runId", "task", "step", "attempt", "time", "backend", "mock", "route", "messages", "answer",
        "stopReason", "call", "invalid", "observation", "timings", "usage", "reward")) {
      assertTrue(s.has(field), "missing " + field + " in " + s);
    }
    assertEquals("mock-strong", s.path("route").path("backend").asText());
    assertEquals(0.5, s.path("route").path("probability").asDouble());
    assertEquals("system", s.path("messages").get(0).path("role").asText());
    assertEquals("write_file", s.path("call").path("tool").asText());
    assertTrue(s.path("mock").asBoolean());
    assertTrue(s.path("reward").has("success"));
  }

  @Test
  void read_lastLineCutMidway_isDropped_andTheRestParses() throws IOException {
    Path file = runEpisodes(1, MockTier.STRONG.withInvalidRate(0));
    byte[] all = Files.readAllBytes(file);
    int complete = TrajectoryReader.read(file).lines().size();
    Path cut = tmp.resolve("cut.jsonl");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 25));
    TrajectoryReader.Contents c = TrajectoryReader.read(cut);
    assertTrue(c.droppedTail());
    assertEquals(complete - 1, c.lines().size());
  }

  @Test
  void open_fileEndingInACutLine_startsOnAFreshLine_andTheFileStillReads() throws IOException {
    Path file = runEpisodes(1, MockTier.STRONG.withInvalidRate(0));
    int complete = TrajectoryReader.read(file).lines().size();
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 25));
    try (TrajectoryWriter w = TrajectoryWriter.open(file)) {
      w.write(new ObjectMapper().createObjectNode().put("type", "step").put("note", "next run"));
    }
    String text = Files.readString(file);
    assertTrue(text.endsWith("\n{\"type\":\"step\",\"note\":\"next run\"}\n"), text.substring(Math.max(0, text.length() - 200)));
    TrajectoryReader.Contents c = TrajectoryReader.read(file);
    assertFalse(c.droppedTail());
    assertEquals(complete, c.lines().size(), "the cut line is skipped, every other line is read");
    assertEquals("next run", c.lines().get(c.lines().size() - 1).path("note").asText());
  }

  @Test
  void open_fileEndingInANewline_addsNothing() throws IOException {
    Path file = tmp.resolve("whole.jsonl");
    Files.writeString(file, "{\"type\":\"step\"}\n");
    TrajectoryWriter.open(file).close();
    assertEquals("{\"type\":\"step\"}\n", Files.readString(file));
  }

  @Test
  void read_damagedLineBeforeTheEnd_isAnErrorNamingTheLine() throws IOException {
    Path file = tmp.resolve("bad.jsonl");
    Files.writeString(file, "{\"type\":\"step\"}\n{broken\n{\"type\":\"step\"}\n");
    BadTrajectoryFileException e = assertThrows(BadTrajectoryFileException.class, () -> TrajectoryReader.read(file));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void read_lineBeyondTheParsersLimits_isAnErrorNamingTheFileLineAndLimitEvenWhenLast() throws IOException {
    Path file = tmp.resolve("hostile.jsonl");
    for (String doc : OversizedJson.all("type")) {
      // A complete last line (it ends with a newline) is no torn write: it must not be skipped.
      Files.writeString(file, "{\"type\":\"step\"}\n" + doc + "\n");
      BadTrajectoryFileException e = assertThrows(BadTrajectoryFileException.class, () -> TrajectoryReader.read(file));
      assertTrue(e.getMessage().contains(file + " line 2") && e.getMessage().contains(OversizedJson.LIMIT_WORDS),
          e.getMessage());
    }
  }

  @Test
  void killedRun_leavesAFileThatParsesUpToItsLastCompleteLine() throws Exception {
    Path file = tmp.resolve("killed.jsonl");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        TrajectoryKillTarget.class.getName(), file.toString(), TestTasks.bundledDir().toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (lines(file) < 6 && System.nanoTime() < deadline && p.isAlive()) {
        Thread.sleep(20);
      }
      assertTrue(p.isAlive(), "the child ended early: " + Files.readString(tmp.resolve("child.log")));
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    assertTrue(lines(file) >= 6, "too few lines written before the kill");
    TrajectoryReader.Contents c = TrajectoryReader.read(file);
    assertTrue(c.lines().size() >= 6);
    ObjectMapper json = new ObjectMapper();
    String text = Files.readString(file);
    String[] raw = text.split("\n", -1);
    for (int i = 0; i < raw.length - 1; i++) {
      assertTrue(json.readTree(raw[i]).has("type"), "line " + (i + 1));
    }
    assertEquals(raw.length - 1, c.lines().size(), "every complete line is read");
  }

  @Test
  void export_keepsValidCallsOfSuccessfulEpisodes_asChatExamples() throws IOException {
    Path file = runEpisodes(3, MockTier.STRONG.withInvalidRate(0.3));
    TrajectoryReader.Contents c = TrajectoryReader.read(file);
    long expected = c.steps().stream()
        .filter(s -> s.hasNonNull("call"))
        .filter(s -> c.episodes().stream().anyMatch(e -> e.path("success").asBoolean()
            && e.path("runId").asText().equals(s.path("runId").asText())))
        .count();
    Path out = tmp.resolve("sft.jsonl");
    TrajectoryExport.Summary none = TrajectoryExport.export(List.of(file), out, TrajectoryExport.Filter.DEFAULT);
    assertEquals(0, none.examples(), "mock answers are left out by default");
    TrajectoryExport.Summary s = TrajectoryExport.export(List.of(file), out, new TrajectoryExport.Filter(true, true));
    assertTrue(expected > 0);
    assertEquals(expected, s.examples());
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    JsonNode ex = new ObjectMapper().readTree(lines.get(0));
    JsonNode msgs = ex.get("messages");
    assertEquals("system", msgs.get(0).path("role").asText());
    assertEquals("assistant", msgs.get(msgs.size() - 1).path("role").asText());
    assertTrue(msgs.get(msgs.size() - 1).path("content").asText().startsWith("{\"tool\""));
  }

  private static long lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    byte[] b = Files.readAllBytes(file);
    long n = 0;
    for (byte x : b) {
      if (x == '\n') {
        n++;
      }
    }
    return n;
  }
}
