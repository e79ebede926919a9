package dev.llmux.router.text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cheap facts about a request's text, computed without a model.
 *
 * @param chars the text's length in characters
 * @param codeBlock whether it holds a fenced code block or code-like lines
 * @param testOutput whether it carries test or compiler output (a retry after failing tests)
 * @param language the programming language it names or shows: java, python, or "" when unclear
 */
public record TextFacts(int chars, boolean codeBlock, boolean testOutput, String language) {

  private static final Pattern CODE = Pattern.compile("```|^\\s*(def |class |public |import |for \\(|if \\().*", Pattern.MULTILINE);
  private static final Pattern TESTS = Pattern.compile(
      "Traceback \\(most recent call last\\)|AssertionError|FAILED|expected:? ?<|Tests run: \\d+|error: |Exception in thread");
  private static final Pattern JAVA = Pattern.compile("\\bjava\\b|public static void|System\\.out|\\.java\\b");
  private static final Pattern PYTHON = Pattern.compile("\\bpython\\b|\\bdef \\w+\\(|\\.py\\b|pytest");

  /** The facts of {@code text}. */
  public static TextFacts of(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String language = JAVA.matcher(lower).find() ? "java" : PYTHON.matcher(lower).find() ? "python" : "";
    return new TextFacts(text.length(), CODE.matcher(text).find(), TESTS.matcher(text).find(), language);
  }

  /** The facts the difficulty head reads: log length, code block, test output. */
  double[] vector() {
    return new double[] {Math.log1p(chars), codeBlock ? 1 : 0, testOutput ? 1 : 0};
  }

  /** Names of {@link #vector()}'s entries. */
  static final String[] NAMES = {"log_chars", "code_block", "test_output"};
}
