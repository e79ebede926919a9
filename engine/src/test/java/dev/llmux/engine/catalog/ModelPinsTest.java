package dev.llmux.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.ConfigException;
import dev.llmux.engine.gguf.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ModelPinsTest {

  @TempDir Path dir;

  private static String sha(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void check_rightHashInAnyCase_passes() throws Exception {
    Path f = Files.writeString(dir.resolve("m.gguf"), "weights");
    new ModelPins(dir.resolve("cache")).check(f, sha("weights".getBytes()).toUpperCase());
  }

  @Test
  void check_mismatch_namesTheFileBothHashesAndWhatToDo() throws Exception {
    Path f = Files.writeString(dir.resolve("m.gguf"), "weights");
    String wrong = "0".repeat(64);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ModelPins(null).check(f, wrong));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("sha256 is " + sha("weights".getBytes())), e.getMessage());
    assertTrue(e.getMessage().contains(wrong + " is pinned"), e.getMessage());
    assertTrue(e.getMessage().contains("copy it again"), e.getMessage());
  }

  @Test
  void sha256_unchangedFile_isHashedOnce() throws Exception {
    Path f = Files.writeString(dir.resolve("m.gguf"), "weights");
    ModelPins pins = new ModelPins(dir.resolve("cache"));
    String expected = sha("weights".getBytes());
    for (int i = 0; i < 3; i++) {
      pins.check(f, expected);
    }
    assertEquals(1, pins.hashed());
  }

  @Test
  void sha256_rememberedInTheCacheFolder_isNotHashedByANewProcess() throws Exception {
    Path f = Files.writeString(dir.resolve("m.gguf"), "weights");
    new ModelPins(dir.resolve("cache")).sha256(f);
    ModelPins next = new ModelPins(dir.resolve("cache"));
    assertEquals(sha("weights".getBytes()), next.sha256(f));
    assertEquals(0, next.hashed(), "the record of the first instance was used");
  }

  @Test
  void sha256_fileChangedSinceItWasHashed_isHashedAgain() throws Exception {
    Path f = Files.writeString(dir.resolve("m.gguf"), "weights");
    ModelPins pins = new ModelPins(dir.resolve("cache"));
    pins.sha256(f);
    FileTime before = Files.getLastModifiedTime(f);
    Files.writeString(f, "WEIGHTS");
    Files.setLastModifiedTime(f, FileTime.fromMillis(before.toMillis() + 2000));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> pins.check(f, sha("weights".getBytes())),
        "same size, newer modification time: hashed again");
    assertTrue(e.getMessage().contains("sha256 is " + sha("WEIGHTS".getBytes())), e.getMessage());
    assertEquals(2, pins.hashed());
    Files.writeString(f, "more weights");
    pins.check(f, sha("more weights".getBytes()));
    assertEquals(3, pins.hashed());
  }

  @Test
  void verify_hashesEveryTime() throws Exception {
    Path f = Files.writeString(dir.resolve("m.gguf"), "weights");
    ModelPins pins = new ModelPins(null);
    pins.verify(f, sha("weights".getBytes()));
    pins.verify(f, sha("weights".getBytes()));
    assertEquals(2, pins.hashed());
  }

  @Test
  void check_missingFile_isAConfigErrorNamingIt() {
    Path f = dir.resolve("none.gguf");
    ConfigException e = assertThrows(ConfigException.class, () -> new ModelPins(null).check(f, "0".repeat(64)));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }
}
