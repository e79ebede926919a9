package dev.llmux.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.RawGguf;
import dev.llmux.engine.testing.RawGguf.Le;
import dev.llmux.engine.testing.TinyGguf;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link GgufFile} reports about valid files, and its errors for files that are not there. */
final class GgufFileTest {

  @TempDir Path dir;

  private Path write(String name, RawGguf raw) throws IOException {
    return Files.write(dir.resolve(name), raw.bytes());
  }

  @Test
  void read_tinyModel_reportsItsShape() throws IOException {
    RawGguf raw = TinyGguf.raw();
    Path file = write("tiny.gguf", raw);
    GgufFile g = GgufFile.read(file);
    assertEquals(file, g.path());
    assertEquals(Files.size(file), g.fileSize());
    assertEquals(raw.dataOffset(), g.dataOffset());
    assertEquals("llama", g.architecture());
    assertEquals("tiny test model", g.name());
    assertEquals(TinyGguf.CONTEXT, g.contextLength());
    assertEquals(TinyGguf.EMBD, g.embeddingLength());
    assertEquals(1, g.blockCount());
    assertEquals(TinyGguf.HEADS, g.headCount());
    assertEquals(TinyGguf.KV_HEADS, g.headCountKv());
    assertEquals(TinyGguf.TOKENS.size(), g.vocabularySize());
    assertEquals(TinyGguf.TOKENS, g.tokens());
    assertEquals(TinyGguf.TEMPLATE, g.chatTemplate());
    assertTrue(g.addBosToken());
    assertFalse(g.synthetic());
    long params = 0;
    for (Object[] t : TinyGguf.tensorShapes()) {
      long n = 1;
      for (long d : (long[]) t[1]) {
        n *= d;
      }
      params += n;
    }
    assertEquals(params, g.parameterCount());
    long f32 = 4L * TinyGguf.EMBD * 3; // three norms
    long q8 = (params - TinyGguf.EMBD * 3) / 32 * 34;
    assertEquals(Map.of(GgmlType.F32, f32, GgmlType.Q8_0, q8), g.bytesByType());
    assertEquals(f32 + q8, g.weightsBytes());
    assertEquals("Q8_0", g.fileType());
    assertTrue(g.toString().contains("llama"), g.toString());
  }

  @Test
  void read_optionalKeysAbsent_usesTheirDefaults() throws IOException {
    RawGguf raw = TinyGguf.raw().remove("general.name").remove("llama.attention.head_count_kv")
        .remove("tokenizer.ggml.add_bos_token").remove("tokenizer.chat_template").remove("general.alignment");
    GgufFile g = GgufFile.read(write("defaults.gguf", raw));
    assertEquals("defaults.gguf", g.name(), "the file name when general.name is missing");
    assertEquals(TinyGguf.HEADS, g.headCountKv(), "kv heads default to the heads");
    assertTrue(g.addBosToken(), "SentencePiece ('llama') tokenizers add BOS by default");
    assertNull(g.chatTemplate());
    assertEquals(32, g.alignment());

    raw.set("tokenizer.ggml.model", GgufValueType.STRING, "gpt2");
    assertFalse(GgufFile.read(write("gpt2.gguf", raw)).addBosToken(), "BPE tokenizers do not");
  }

  @Test
  void read_version2_isAccepted() throws IOException {
    RawGguf raw = TinyGguf.raw();
    raw.version = 2;
    assertEquals(2, GgufFile.read(write("v2.gguf", raw)).version());
  }

  @Test
  void read_unknownArchitecture_needsOnlyTheGenericKeys() throws IOException {
    RawGguf raw = TinyGguf.raw();
    raw.set("general.architecture", GgufValueType.STRING, "phi3");
    raw.put("phi3.block_count", GgufValueType.UINT32, 1);
    raw.put("phi3.embedding_length", GgufValueType.UINT32, 32);
    assertEquals("phi3", GgufFile.read(write("phi3.gguf", raw)).architecture());
  }

  @Test
  void read_mixtureOfExpertsLlama_needsNoDenseFeedForwardTensors() throws IOException {
    RawGguf raw = TinyGguf.raw();
    raw.put("llama.expert_count", GgufValueType.UINT32, 2);
    raw.put("llama.expert_used_count", GgufValueType.UINT32, 2);
    for (String t : new String[] {"ffn_gate", "ffn_up", "ffn_down"}) {
      raw.tensors.remove(raw.tensorIndex("blk.0." + t + ".weight"));
    }
    raw.tensor("blk.0.ffn_gate_inp.weight", GgmlType.F32, TinyGguf.EMBD, 2);
    raw.tensor("blk.0.ffn_gate_exps.weight", GgmlType.Q8_0, TinyGguf.EMBD, TinyGguf.FFN, 2);
    raw.tensor("blk.0.ffn_up_exps.weight", GgmlType.Q8_0, TinyGguf.EMBD, TinyGguf.FFN, 2);
    raw.tensor("blk.0.ffn_down_exps.weight", GgmlType.Q8_0, TinyGguf.FFN, TinyGguf.EMBD, 2);
    GgufFile g = GgufFile.read(write("moe.gguf", raw));
    assertEquals(3, g.tensors().get(g.tensors().size() - 1).dims().length);

    raw.set("llama.expert_count", GgufValueType.UINT32, 0);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GgufFile.read(write("dense.gguf", raw)));
    assertTrue(e.getMessage().contains("blk.0.ffn_gate.weight is missing"), e.getMessage());
  }

  @Test
  void read_syntheticModelWithNegativeSeed_keepsTheSeedsBits() {
    Path file = SyntheticModels.generate(SyntheticPreset.TINY, GgmlType.Q4_0, -1L, dir.resolve("seed.gguf"));
    GgufFile g = GgufFile.read(file);
    assertEquals(-1L, g.metadata().get("llmux.synthetic.seed"));
    assertTrue(g.synthetic());
  }

  @Test
  void read_arrayLongerThan2p31InAHugeSparseFile_isRejectedNotOverflowed() throws IOException {
    RawGguf raw = TinyGguf.raw();
    raw.putRaw("x.huge", new Le().u32(GgufValueType.ARRAY.id()).u32(GgufValueType.UINT8.id()).u64((1L << 31) + 8)
        .toByteArray());
    Path file = write("huge.gguf", raw);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: no disk space used
    }
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GgufFile.read(file));
    assertEquals(raw.valuePosition("x.huge") + 8, e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains("at most 16777216"), e.getMessage());
  }

  @Test
  void read_directory_isRejected() {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GgufFile.read(dir));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    assertEquals(-1, e.offset());
  }

  @Test
  void read_namedPipe_isRefusedAtOnce_namingWhatItIs() throws Exception {
    Path pipe = dir.resolve("model.gguf");
    Process mk = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor());
    // Opening a pipe with no writer blocks forever: the reader must not open it at all.
    ModelFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(ModelFormatException.class, () -> GgufFile.read(pipe)));
    assertEquals("invalid model file " + pipe + ": is a named pipe (FIFO), not a regular file: give the path of a GGUF"
        + " model file", e.getMessage());
  }

  @Test
  void read_characterDevice_isRefused_notReadAsAnEmptyFile() {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GgufFile.read(Path.of("/dev/zero")));
    assertTrue(e.getMessage().contains("is a character device, not a regular file"), e.getMessage());
    assertFalse(e.getMessage().contains("0 bytes"), e.getMessage());
  }

  @Test
  void read_socket_isRefused() throws IOException {
    Path socket = dir.resolve("s.gguf");
    try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.bind(UnixDomainSocketAddress.of(socket));
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> GgufFile.read(socket));
      assertTrue(e.getMessage().contains("is a socket, not a regular file"), e.getMessage());
    }
  }

  @Test
  void read_symlinkToARegularModel_isRead() throws IOException {
    Path file = write("real.gguf", TinyGguf.raw());
    Path link = Files.createSymbolicLink(dir.resolve("link.gguf"), file);
    assertEquals("llama", GgufFile.read(link).architecture());
  }

  @Test
  void readFailure_permissionDenied_saysSo() throws IOException {
    Path file = write("closed.gguf", TinyGguf.raw());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
    ModelFormatException e = GgufFile.readFailure(file, new AccessDeniedException(file.toString()));
    assertTrue(e.getMessage().startsWith("invalid model file " + file + ": permission denied: the user "), e.getMessage());
    assertTrue(e.getMessage().contains("(mode -w-------, owner "), e.getMessage());
  }

  @Test
  void read_fileTheUserMayNotRead_saysPermissionDenied() throws IOException {
    Path file = write("closed.gguf", TinyGguf.raw());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
    // root reads every file, so only an ordinary user sees the denial (readFailure_... covers the message for root).
    Assumptions.assumeFalse(Files.isReadable(file), "running as root: every file is readable, nothing to deny");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GgufFile.read(file));
    assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
  }

  @Test
  void read_missingFile_saysHowToMakeOne() {
    Path none = dir.resolve("none.gguf");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GgufFile.read(none));
    assertTrue(e.getMessage().startsWith("invalid model file " + none + ": no such file"), e.getMessage());
    assertTrue(e.getMessage().contains("llmux models synth"), e.getMessage());
  }

  @Test
  void show_textFromTheFile_isOneShortLine() {
    String shown = GgufFile.show("a\nb\r\u2028c\u0000" + "x".repeat(500));
    assertFalse(shown.contains("\n") || shown.contains("\r") || shown.contains("\u2028") || shown.contains("\u0000"),
        shown);
    assertTrue(shown.startsWith("a\\u000ab\\u000d\\u2028c\\u0000x"), shown);
    assertTrue(shown.endsWith("...") && shown.length() <= 83, shown);
    assertEquals("blk.0.attn_q.weight", GgufFile.show("blk.0.attn_q.weight"));
    assertEquals("\"\u00fc\"", GgufFile.showValue("\u00fc"));
    assertEquals("an array of 3 values", GgufFile.showValue(java.util.List.of(1, 2, 3)));
  }
}
