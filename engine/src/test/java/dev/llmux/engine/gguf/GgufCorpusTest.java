package dev.llmux.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.llmux.engine.testing.BrokenGguf;
import dev.llmux.engine.testing.RawGguf;
import dev.llmux.engine.testing.TinyGguf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every file of the {@link BrokenGguf} corpus, every truncation and random damage ends as a clear error. */
final class GgufCorpusTest {

  @TempDir Path dir;

  @Test
  void read_validCorpusModel_passes() {
    GgufFile f = GgufFile.read(BrokenGguf.writeValid(dir.resolve("valid.gguf")));
    assertEquals("llama", f.architecture());
    assertEquals(TinyGguf.tensorShapes().size(), f.tensors().size());
    assertEquals(TinyGguf.TOKENS.size(), f.vocabularySize());
  }

  @TestFactory
  Stream<DynamicTest> read_brokenFile_throwsOneLineNamingFileProblemAndOffset() {
    Map<String, BrokenGguf.Case> cases = BrokenGguf.writeAll(dir);
    assertTrue(cases.size() > 100, "the corpus has " + cases.size() + " cases");
    return cases.values().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  private static void check(BrokenGguf.Case c) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> GgufFile.read(c.file()), c.name());
    String msg = e.getMessage();
    assertTrue(msg.startsWith("invalid model file " + c.file()), msg);
    assertFalse(msg.contains("\n") || msg.contains("\r"), "one line: " + msg);
    assertTrue(msg.length() < c.file().toString().length() + 300, "short: " + msg.length() + " chars: " + msg);
    assertTrue(msg.contains(c.problem()), "expected '" + c.problem() + "' in: " + msg);
    if (c.offset() == BrokenGguf.ANY_OFFSET) {
      assertTrue(e.offset() >= 0, "an offset: " + msg);
    } else {
      assertEquals(c.offset(), e.offset(), msg);
    }
    if (e.offset() >= 0) {
      assertTrue(msg.contains(" at byte offset " + e.offset() + ": "), msg);
    }
  }

  @Test
  void read_everyTruncation_throwsWithAnOffset() throws Exception {
    RawGguf m = TinyGguf.raw();
    byte[] good = m.bytes();
    Path file = dir.resolve("cut.gguf");
    // every byte of the first key/values, every third through the rest of the header, then sparser
    for (int cut = 0; cut < good.length; cut += cut < 512 ? 1 : cut < m.dataOffset() ? 3 : 61) {
      Files.write(file, Arrays.copyOf(good, cut));
      int at = cut;
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> GgufFile.read(file), () -> "cut at " + at);
      assertTrue(e.offset() >= 0 && e.offset() <= good.length, "cut at " + cut + ": " + e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void read_randomDamageToTheHeader_throwsOnlyModelFormatException() throws Exception {
    RawGguf m = TinyGguf.raw();
    byte[] good = m.bytes();
    int header = (int) m.headerLength();
    Path file = dir.resolve("damaged.gguf");
    SplittableRandom random = new SplittableRandom(7);
    int rejected = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] bad = good.clone();
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        int at = random.nextInt(header);
        bad[at] = switch (random.nextInt(4)) {
          case 0 -> (byte) 0xff;
          case 1 -> (byte) 0;
          case 2 -> (byte) (bad[at] ^ (1 << random.nextInt(8)));
          default -> (byte) random.nextInt(256);
        };
      }
      Files.write(file, bad);
      try {
        GgufFile.read(file);
      } catch (ModelFormatException e) {
        rejected++;
        assertFalse(e.getMessage().contains("\n"), "damage #" + i + ": " + e.getMessage());
        assertTrue(e.getMessage().length() < file.toString().length() + 300, "damage #" + i + ": " + e.getMessage());
      } catch (RuntimeException | Error e) {
        fail("damage #" + i + " threw " + e, e);
      }
    }
    // Most single-byte changes hit a length, count, type or name: the reader must notice them.
    assertTrue(rejected > 1500, rejected + " of 3000 damaged files rejected");
  }
}
