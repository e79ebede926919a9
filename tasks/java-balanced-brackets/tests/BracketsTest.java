public class BracketsTest {
  static void testBalanced() {
    check(Brackets.isBalanced(""), "empty");
    check(Brackets.isBalanced("([]{})"), "nested");
    check(Brackets.isBalanced("a(b[c]d)e"), "with text");
  }

  static void testUnbalanced() {
    check(!Brackets.isBalanced("(]"), "wrong kind");
    check(!Brackets.isBalanced("(()"), "unclosed");
    check(!Brackets.isBalanced(")("), "closed first");
  }

  static void testFirstErrorBalanced() {
    eq(-1, Brackets.firstError("{[()]}"));
  }

  static void testFirstErrorMismatch() {
    eq(2, Brackets.firstError("([)]"));
    eq(0, Brackets.firstError("]"));
  }

  static void testFirstErrorUnclosed() {
    eq(4, Brackets.firstError("(a[b"));
  }

  static void testDeepNesting() {
    String s = "(".repeat(100_000) + ")".repeat(100_000);
    check(Brackets.isBalanced(s), "deep nesting");
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
