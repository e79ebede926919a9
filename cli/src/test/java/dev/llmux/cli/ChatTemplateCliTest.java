package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.engine.testing.TestModels;
import dev.llmux.engine.gguf.GgufFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat template a model is talked to with: detected, chosen, or ChatML with a warning. */
final class ChatTemplateCliTest {

  @TempDir Path dir;

  /** A copy of the tiny model whose chat template is of no known family (its ChatML markers renamed in place). */
  private Path unknownTemplateModel() throws Exception {
    byte[] bytes = Files.readAllBytes(TestModels.tiny());
    String template = GgufFile.read(TestModels.tiny()).chatTemplate();
    byte[] from = template.getBytes(StandardCharsets.UTF_8);
    byte[] to = template.replace("<|im_start|>", "<|xx_start|>").getBytes(StandardCharsets.UTF_8);
    int at = indexOf(bytes, from);
    assertTrue(at > 0 && from.length == to.length);
    System.arraycopy(to, 0, bytes, at, to.length);
    Path file = Files.write(dir.resolve("odd-template.gguf"), bytes);
    assertTrue(GgufFile.read(file).chatTemplate().contains("<|xx_start|>"));
    return file;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private String stderrOfFreshRun(String... args) throws Exception {
    Process p = FreshJvmTest.start(Files.createDirectories(dir.resolve("tmp")), dir.resolve("cache"), args);
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), err);
    assertEquals(0, p.exitValue(), err + new String(out, StandardCharsets.UTF_8));
    return err;
  }

  @Test
  void generate_modelWithAnUnknownTemplate_warnsOnceNamingTheModelAndTheFallback() throws Exception {
    Path model = unknownTemplateModel();
    String err = stderrOfFreshRun("generate", "--model", model.toString(), "-t", "1", "-n", "2", "hi");
    assertEquals(1, err.lines().filter(l -> l.contains("using ChatML")).count(), err);
    assertTrue(err.contains("model 'odd-template' has a chat template of no family llmux knows"), err);
    assertTrue(err.contains("--chat-template"), err);
  }

  @Test
  void generate_chatTemplateChosen_isUsedWithoutAWarning() throws Exception {
    Path model = unknownTemplateModel();
    String err = stderrOfFreshRun("generate", "--model", model.toString(), "-t", "1", "-n", "2", "--chat-template", "chatml",
        "hi");
    assertFalse(err.contains("using ChatML"), err);
  }

  private static int promptTokens(CliRun r) throws Exception {
    assertEquals(0, r.exitCode(), r.err());
    return new ObjectMapper().readTree(r.out()).get("usage").get("promptTokens").asInt();
  }

  @Test
  void chatTemplate_optionAndCatalogKey_chooseTheFamily() throws Exception {
    String tiny = TestModels.tiny().toString();
    int chatml = promptTokens(CliRun.of("generate", "--model", tiny, "-t", "1", "--json", "-n", "1", "hi"));
    int llama3 = promptTokens(CliRun.of("generate", "--model", tiny, "-t", "1", "--json", "-n", "1", "--chat-template",
        "llama3", "hi"));
    assertNotEquals(chatml, llama3, "the llama3 header format renders another prompt");
    Path cfg = Files.writeString(dir.resolve("llmux.json"), "{\"models\":{\"m\":{\"path\":\"" + tiny
        + "\",\"threads\":1,\"chatTemplate\":\"llama3\"}},\"roles\":{\"primary\":\"m\"}}");
    assertEquals(llama3, promptTokens(CliRun.of("generate", "--config", cfg.toString(), "--json", "-n", "1", "hi")));
  }

  @Test
  void chatTemplate_unknownName_exits2ListingTheFamilies() throws Exception {
    CliRun r = CliRun.of("generate", "--model", TestModels.tiny().toString(), "--chat-template", "vicuna", "hi");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("unknown chat template 'vicuna': use one of chatml, llama3"), r.err());
    Path cfg = Files.writeString(dir.resolve("bad.json"), "{\"models\":{\"m\":{\"path\":\"" + TestModels.tiny()
        + "\",\"chatTemplate\":\"vicuna\"}},\"roles\":{\"primary\":\"m\"}}");
    CliRun c = CliRun.of("generate", "--config", cfg.toString(), "hi");
    assertEquals(2, c.exitCode(), c.err());
    assertTrue(c.err().contains("chatTemplate") && c.err().contains("vicuna"), c.err());
  }
}
