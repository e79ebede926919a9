package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.http.WireFormat;
import dev.llmux.engine.testing.FakeProviderServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every class of error ends a command the same way: exactly one line on stderr,
 * {@code llmux: error: ...}, and the exit status of {@link ExitCodes}; stack traces only with
 * {@code --verbose}.
 */
final class CliErrorsTest {

  @TempDir Path dir;

  /** Asserts one error line saying {@code expected}, no stack trace, and {@code status}. */
  private static void assertOneLine(CliRun r, int status, String expected) {
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), "exactly one line on stderr: " + r.err());
    assertTrue(lines.get(0).startsWith(CliErrors.PREFIX), r.err());
    assertTrue(lines.get(0).contains(expected), "expected '" + expected + "' in: " + r.err());
    assertEquals(status, r.exitCode(), r.err());
  }

  @Test
  void unknownOption_isBadUsage() {
    CliRun r = CliRun.of("router", "train", "--no-such-option");
    assertOneLine(r, 2, "Unknown option: '--no-such-option'");
    assertTrue(r.err().contains("'llmux router train --help'"), r.err());
  }

  @Test
  void missingRequiredOption_isBadUsage() {
    assertOneLine(CliRun.of("sandbox", "run", "--", "true"), 2, "--workspace");
  }

  @Test
  void optionValueOutOfRange_isBadUsage() {
    assertOneLine(CliRun.of("router", "train", "--episodes", "0"), 2, "--episodes is 0");
    assertOneLine(CliRun.of("sandbox", "run", "--workspace", dir.toString(), "--timeout", "0", "--", "true"), 2,
        "wallClock");
  }

  @Test
  void badConfigFile_isBadInput() throws Exception {
    Path settings = Files.writeString(dir.resolve("s.json"), "{\"tabularQ\": {\"alhpa\": 0.2}}");
    assertOneLine(CliRun.of("router", "train", "--config", settings.toString(), "--episodes", "1"), 2, "alhpa");
  }

  @Test
  void damagedInputFile_isBadInput() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"type\":\"step\"}\n{broken\n{\"type\":\"step\"}\n");
    assertOneLine(CliRun.of("agent", "export", bad.toString(), "-o", dir.resolve("out.jsonl").toString()), 2, "line 2");
  }

  @Test
  void missingWorkspace_isBadInput() {
    Path none = dir.resolve("none");
    assertOneLine(CliRun.of("sandbox", "run", "--workspace", none.toString(), "--", "true"), 2, none.toString());
  }

  @Test
  void failedWrite_isAFailedJob() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    Path occupied = Files.createDirectories(dir.resolve("occupied"));
    Files.writeString(occupied.resolve("keep.txt"), "x");
    assertOneLine(CliRun.of("agent", "export", empty.toString(), "-o", occupied.toString()), 1, "cannot write");
  }

  @Test
  void unreachableProvider_isUnavailable() throws Exception {
    FakeProviderServer dead = FakeProviderServer.start(WireFormat.OPENAI_CHAT);
    String url = dead.baseUrl().toString();
    dead.close();
    Path cfg = Files.writeString(dir.resolve("llmux.json"), "{\"models\": {\"cloud\": {\"provider\": \"llama-server\","
        + " \"model\": \"m\", \"baseUrl\": \"" + url + "\"}}, \"roles\": {\"primary\": \"cloud\"}}");
    assertOneLine(CliRun.of("generate", "--config", cfg.toString(), "hi"), 3, "cannot connect");
  }

  @Test
  void missingCommand_printsUsageThenOneErrorLine() {
    CliRun r = CliRun.of("router");
    assertEquals(2, r.exitCode());
    List<String> errors = r.err().lines().filter(l -> l.startsWith("llmux: ")).toList();
    assertEquals(List.of("llmux: error: llmux router needs a command: pick one of those above"), errors);
  }

  @Test
  void verbose_afterTheCommandOrBeforeIt_addsTheStackTrace() {
    for (CliRun r : List.of(CliRun.of("router", "train", "--episodes", "0", "--verbose"),
        CliRun.of("--verbose", "router", "train", "--episodes", "0"),
        CliRun.of("-v", "router", "train", "--episodes", "0"))) {
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().startsWith("llmux: error: --episodes is 0"), r.err());
      assertTrue(r.err().contains("\tat dev.llmux.cli.RouterTrainCommand.call"), r.err());
    }
  }

  @Test
  void verbose_isAcceptedByEveryCommand() {
    CommandLine root = LlmuxCommand.commandLine();
    assertEveryCommandTakesVerbose(root);
  }

  private static void assertEveryCommandTakesVerbose(CommandLine cl) {
    assertTrue(cl.getCommandSpec().findOption("--verbose") != null, cl.getCommandName() + " lacks --verbose");
    assertTrue(cl.getCommandSpec().findOption("-v") != null, cl.getCommandName() + " lacks -v");
    for (CommandLine sub : cl.getSubcommands().values()) {
      assertEveryCommandTakesVerbose(sub);
    }
  }

  @Test
  void report_exceptionOfNoListedType_isAnInternalErrorOnOneLine() {
    StringWriter err = new StringWriter();
    int status = CliErrors.report(new PrintWriter(err), new IllegalStateException("boom"), false);
    assertEquals(1, status);
    assertEquals("llmux: error: internal error: java.lang.IllegalStateException: boom (run with --verbose for the"
        + " stack trace)" + System.lineSeparator(), err.toString());
  }

  @Test
  void report_multiLineMessage_isPrintedOnOneLine() {
    StringWriter err = new StringWriter();
    int status = CliErrors.report(new PrintWriter(err), new UsageException("first\n  second"), false);
    assertEquals(2, status);
    assertEquals("llmux: error: first; second" + System.lineSeparator(), err.toString());
  }

  @Test
  void report_verbose_printsTheStackTraceAfterTheLine() {
    StringWriter err = new StringWriter();
    CliErrors.report(new PrintWriter(err), new IllegalStateException("boom"), true);
    List<String> lines = err.toString().lines().toList();
    assertEquals("llmux: error: internal error: java.lang.IllegalStateException: boom", lines.get(0));
    assertTrue(lines.get(2).startsWith("\tat "), err.toString());
  }
}
