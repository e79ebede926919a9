package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.engine.catalog.ModelPins;
import dev.llmux.engine.gguf.GgufFile;
import dev.llmux.engine.gguf.MemoryEstimate;
import dev.llmux.engine.testing.BrokenGguf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmux models synth | inspect | verify} end to end, with captured output. */
final class ModelsCommandTest {

  @TempDir Path dir;

  private Path synthTiny() {
    CliRun r = CliRun.of("models", "synth", "-p", "tiny", "-t", "q8_0", "-o", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    Path file = dir.resolve("tiny-q8_0.gguf");
    assertTrue(r.out().startsWith("wrote " + file + ": synthetic tiny, q8_0"), r.out());
    return file;
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  @Test
  void synth_tiny_writesAValidModelOnceUnlessForced() throws Exception {
    Path file = synthTiny();
    assertTrue(GgufFile.read(file).synthetic());
    long modified = Files.getLastModifiedTime(file).toMillis();
    CliRun again = CliRun.of("models", "synth", "-p", "tiny", "-t", "q8_0", "-o", dir.toString());
    assertEquals(0, again.exitCode());
    assertTrue(again.out().contains("exists (use --force"), again.out());
    assertEquals(modified, Files.getLastModifiedTime(file).toMillis());
    CliRun forced = CliRun.of("models", "synth", "-p", "tiny", "-t", "q4_0", "--seed", "-1", "-o", dir.toString());
    assertEquals(0, forced.exitCode(), forced.err());
    assertEquals(-1L, GgufFile.read(dir.resolve("tiny-q4_0.gguf")).metadata().get("llmux.synthetic.seed"),
        "a negative seed is stored as its bits and read back");
  }

  @Test
  void synth_folderThatCannotBeWritten_exits2NamingIt() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");
    for (Path out : new Path[] {Path.of("/proc/forbidden"), notAFolder.resolve("sub")}) {
      CliRun r = CliRun.of("models", "synth", "-p", "tiny", "-o", out.toString());
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().startsWith("llmux: error: cannot write into the folder " + out + " (-o): "), r.err());
      assertFalse(r.err().contains("internal error"), r.err());
    }
  }

  @Test
  void synth_writesTheModelWithTheModeOfAPlainNewFile() throws Exception {
    Path file = synthTiny();
    Path plain = Files.createFile(dir.resolve("plain"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
  }

  @Test
  void models_withoutACommand_printsUsageAndExits2() {
    CliRun r = CliRun.of("models");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("Usage: llmux models"), r.err());
    assertTrue(r.err().contains("llmux: error: llmux models needs a command"), r.err());
  }

  @Test
  void synth_unknownPresetOrType_exits2() {
    CliRun preset = CliRun.of("models", "synth", "-p", "gpt-5", "-o", dir.toString());
    assertEquals(2, preset.exitCode());
    assertTrue(preset.err().contains("unknown preset 'gpt-5': use one of tiny, qwen2.5-0.5b"), preset.err());
    CliRun type = CliRun.of("models", "synth", "-p", "tiny", "-t", "q4_k", "-o", dir.toString());
    assertEquals(2, type.exitCode());
    assertTrue(type.err().contains("unsupported type 'q4_k'"), type.err());
  }

  @Test
  void inspect_syntheticModel_describesItAndItsMemory() {
    Path file = synthTiny();
    GgufFile g = GgufFile.read(file);
    CliRun r = CliRun.of("models", "inspect", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertTrue(out.contains("file:              " + file + "\n"), out);
    assertTrue(out.contains("architecture:      llama\n"), out);
    assertTrue(out.contains("name:              synthetic tiny\n"), out);
    assertTrue(out.contains("parameters:        " + ModelsInspectCommand.parameters(g.parameterCount()) + " ("
        + g.parameterCount() + ")\n"), out);
    assertTrue(out.contains("file type:         Q8_0\n"), out);
    assertTrue(out.contains("tensor bytes:      f32 1.3 KiB, q8_0 212.5 KiB\n"), out);
    assertTrue(out.contains("trained context:   32768 tokens\n"), out);
    assertTrue(out.contains("heads / kv heads:  4 / 2\n"), out);
    assertTrue(out.contains("vocabulary:        1024 tokens\n"), out);
    assertTrue(out.contains("chat template:     present (chatml)\n"), out);
    assertTrue(out.contains("synthetic:         random weights, real speed, noise text\n"), out);
    MemoryEstimate m = g.memoryEstimate(4096, 1, "f16");
    assertTrue(out.contains("memory estimate:   ctx 4096, parallel 1, kv cache f16\n"), out);
    assertTrue(out.contains("  kv cache:        " + mib(m.kvCacheBytes()) + "\n"), out);
    assertTrue(out.contains("  total:           " + mib(m.totalBytes()) + "\n"), out);
    assertEquals("", r.err());
  }

  @Test
  void inspect_json_printsOneObjectWithTheEstimateAsked() throws Exception {
    Path file = synthTiny();
    GgufFile g = GgufFile.read(file);
    CliRun r = CliRun.of("models", "inspect", file.toString(), "--json", "--ctx", "512", "--parallel", "2",
        "--kv-type", "q8_0");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(1, r.out().strip().lines().count(), r.out());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals(file.toString(), n.get("path").asText());
    assertEquals(Files.size(file), n.get("sizeBytes").asLong());
    assertEquals(3, n.get("ggufVersion").asInt());
    assertEquals(g.parameterCount(), n.get("parameterCount").asLong());
    assertEquals(g.bytesByType().get(dev.llmux.engine.gguf.GgmlType.Q8_0), n.get("bytesByType").get("q8_0").asLong());
    assertEquals(1024, n.get("vocabularySize").asInt());
    assertEquals(2, n.get("blockCount").asInt());
    assertTrue(n.get("chatTemplate").get("present").asBoolean());
    assertEquals("chatml", n.get("chatTemplate").get("family").asText());
    assertTrue(n.get("synthetic").asBoolean());
    MemoryEstimate m = g.memoryEstimate(512, 2, "q8_0");
    JsonNode mem = n.get("memory");
    assertEquals(512, mem.get("context").asInt());
    assertEquals(2, mem.get("parallel").asInt());
    assertEquals("q8_0", mem.get("kvCacheType").asText());
    assertEquals(m.kvCacheBytes(), mem.get("kvCacheBytes").asLong());
    assertEquals(m.repackedBytes(), mem.get("repackedBytes").asLong());
    assertEquals(m.computeBytes(), mem.get("computeBytes").asLong());
    assertEquals(m.totalBytes(), mem.get("totalBytes").asLong());
  }

  @Test
  void inspect_badInput_exits2WithOneLine() {
    Path broken = BrokenGguf.writeAll(dir).get("kv-count-2p60").file();
    for (String[] args : new String[][] {
        {"models", "inspect", broken.toString()},
        {"models", "inspect", dir.resolve("none.gguf").toString()},
        {"models", "inspect", broken.toString(), "--kv-type", "q5_1"},
        {"models", "inspect", broken.toString(), "--parallel", "0"},
        {"models", "inspect"}}) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("llmux: "), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
    }
    CliRun r = CliRun.of("models", "inspect", broken.toString());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("llmux: error: invalid model file " + broken + " at byte offset 16: "), r.err());
  }

  @Test
  void verify_checksStructureAndSha256() throws Exception {
    Path file = synthTiny();
    String sha = ModelPins.shared().rehash(file);
    CliRun structure = CliRun.of("models", "verify", file.toString());
    assertEquals(0, structure.exitCode(), structure.out());
    assertTrue(structure.out().contains("ok    tiny-q8_0.gguf"), structure.out());
    CliRun pinned = CliRun.of("models", "verify", file.toString(), "--sha256", sha.toUpperCase(Locale.ROOT));
    assertEquals(0, pinned.exitCode(), pinned.out());
    assertTrue(pinned.out().contains("(structure and sha256)"), pinned.out());
    String wrong = (sha.charAt(0) == '0' ? "1" : "0") + sha.substring(1);
    CliRun mismatch = CliRun.of("models", "verify", file.toString(), "--sha256", wrong);
    assertEquals(2, mismatch.exitCode(), mismatch.out());
    assertTrue(mismatch.out().contains("FAIL  tiny-q8_0.gguf") && mismatch.out().contains("sha256 is " + sha),
        mismatch.out());
    Path broken = BrokenGguf.writeAll(dir).get("token-duplicate").file();
    CliRun bad = CliRun.of("models", "verify", file.toString(), broken.toString());
    assertEquals(2, bad.exitCode(), bad.out());
    assertTrue(bad.out().contains("FAIL  token-duplicate.gguf") && bad.out().contains("2 checked, 1 failed"), bad.out());
  }

  @Test
  void parameters_counts_readAsPeopleWriteThem() {
    assertEquals("494.0 M", ModelsInspectCommand.parameters(494_032_768));
    assertEquals("1.54 B", ModelsInspectCommand.parameters(1_543_714_304));
    assertEquals("1.5 K", ModelsInspectCommand.parameters(1_500));
    assertEquals("999", ModelsInspectCommand.parameters(999));
    assertEquals("1.3 KiB", ModelsInspectCommand.size(1280));
    assertEquals("512 bytes", ModelsInspectCommand.size(512));
    assertEquals("531.2 MiB", ModelsInspectCommand.size(557_000_000));
    assertEquals("1.63 GiB", ModelsInspectCommand.size(1_750_000_000L));
  }
}
