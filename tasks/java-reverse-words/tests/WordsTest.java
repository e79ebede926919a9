public class WordsTest {
  static void testSimple() {
    eq("world hello", Words.reverseWords("hello world"));
  }

  static void testOneWord() {
    eq("alone", Words.reverseWords("alone"));
  }

  static void testExtraSpaces() {
    eq("c b a", Words.reverseWords("  a   b \t c  "));
  }

  static void testEmpty() {
    eq("", Words.reverseWords(""));
    eq("", Words.reverseWords("   "));
  }

  static void testPunctuationStays() {
    eq("you? are how", Words.reverseWords("how are you?"));
  }

  private static void eq(Object expected, Object actual) {
    if (!java.util.Objects.equals(expected, actual)) {
      throw new AssertionError("expected " + expected + " but got " + actual);
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
