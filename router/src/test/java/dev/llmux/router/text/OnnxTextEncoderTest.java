package dev.llmux.router.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real all-MiniLM-L6-v2 (quantized) through ONNX Runtime, from the langchain4j artifact. */
class OnnxTextEncoderTest {

  static OnnxTextEncoder encoder;

  @BeforeAll
  static void open() {
    encoder = OnnxTextEncoder.open(OnnxTextEncoder.Options.defaults().withMaxTokens(64));
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  static double cosine(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void embed_isAUnitVectorOf384Numbers() {
    float[] e = encoder.embed("Reverse the words of a sentence.");
    assertEquals(384, e.length);
    assertEquals(1.0, Math.sqrt(cosine(e, e)), 1e-4);
  }

  @Test
  void embed_placesParaphrasesCloserThanUnrelatedTexts() {
    float[] a = encoder.embed("Write a function that reverses a linked list.");
    float[] b = encoder.embed("Implement reversing a singly linked list in place.");
    float[] c = encoder.embed("The weather in Lisbon is sunny and warm today.");
    double near = cosine(a, b);
    double far = cosine(a, c);
    assertTrue(near > far + 0.3, "paraphrases " + near + " vs unrelated " + far);
  }

  @Test
  void embed_isDeterministicAndThreadSafe() throws Exception {
    float[] first = encoder.embed("Sort an array of integers.");
    Thread[] threads = new Thread[4];
    float[][] seen = new float[threads.length][];
    for (int i = 0; i < threads.length; i++) {
      int k = i;
      threads[i] = new Thread(() -> seen[k] = encoder.embed("Sort an array of integers."));
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join(60_000);
    }
    for (float[] s : seen) {
      assertEquals(1.0, cosine(first, s), 1e-5);
    }
  }

  @Test
  void tokenIds_longText_keepsTheHeadAndTheTailWithinTheLimit() {
    String head = "alpha beta gamma ";
    String text = head + "filler ".repeat(2000) + "omega final words";
    long[] ids = encoder.tokenIds(text);
    assertEquals(64, ids.length);
    assertEquals(101, ids[0], "[CLS] first");
    assertEquals(102, ids[63], "[SEP] last");
    long[] start = encoder.tokenIds(head);
    assertEquals(start[1], ids[1], "the text's first token is kept");
    long[] end = encoder.tokenIds("omega final words");
    assertEquals(end[end.length - 2], ids[62], "the text's last token is kept");
    float[] e = encoder.embed(text);
    assertEquals(384, e.length);
  }

  @Test
  void tokenIds_shortText_isNotCut() {
    assertEquals(5, encoder.tokenIds("hello there world").length);
  }

  @Test
  void open_missingModelFile_namesIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.onnx");
    TextFeatureException e = assertThrows(TextFeatureException.class,
        () -> OnnxTextEncoder.open(new OnnxTextEncoder.Options(missing, null, 1, 64)));
    assertTrue(e.getMessage().contains("nope.onnx") && e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void open_notAnOnnxFile_isABadFile(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.onnx");
    Files.writeString(junk, "this is not a protobuf model at all");
    TextFeatureException e = assertThrows(TextFeatureException.class,
        () -> OnnxTextEncoder.open(new OnnxTextEncoder.Options(junk, null, 1, 64)));
    assertTrue(e.getMessage().contains("junk.onnx") && e.getMessage().contains("not a usable ONNX model"), e.getMessage());
  }

  @Test
  void open_notATokenizerFile_isABadFile(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("tokenizer.json");
    Files.writeString(junk, "{\"not\": \"a tokenizer\"}");
    TextFeatureException e = assertThrows(TextFeatureException.class,
        () -> OnnxTextEncoder.open(new OnnxTextEncoder.Options(null, junk, 1, 64)));
    assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
  }

  @Test
  void embed_afterClose_isRefused() {
    OnnxTextEncoder own = OnnxTextEncoder.open(OnnxTextEncoder.Options.defaults().withThreads(2).withMaxTokens(32));
    own.embed("one");
    own.close();
    own.close();
    assertThrows(IllegalStateException.class, () -> own.embed("two"));
  }

  @Test
  void options_outOfRange_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> new OnnxTextEncoder.Options(null, null, 0, 64));
    assertThrows(IllegalArgumentException.class, () -> new OnnxTextEncoder.Options(null, null, 1, 513));
  }
}
