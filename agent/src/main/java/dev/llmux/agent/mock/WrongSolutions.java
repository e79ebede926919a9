package dev.llmux.agent.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes plausible wrong solutions from a reference solution by one small edit of the kind models
 * get wrong: an off-by-one in a literal, a flipped comparison, a swapped operator.
 */
public final class WrongSolutions {

  /** Edits tried, each a pattern and its replacement. */
  private static final List<String[]> EDITS = List.of(
      new String[] {"<=", "<"},
      new String[] {">=", ">"},
      new String[] {"(?<![<>=!-])<(?![<=])", "<="},
      new String[] {"(?<![<>=-])>(?![>=])", ">="},
      new String[] {"==", "!="},
      new String[] {"\\+ 1\\b", "+ 2"},
      new String[] {"- 1\\b", "- 2"},
      new String[] {"\\b0\\b", "1"},
      new String[] {"\\b1\\b", "0"},
      new String[] {"\\+\\+", "--"},
      new String[] {" \\* ", " + "});

  private WrongSolutions() {}

  /** A wrong variant of {@code reference}, one edit chosen at random among all the places one applies. */
  public static String mutate(String reference, Random random) {
    String[] lines = reference.split("\n", -1);
    record Site(int line, int start, int end, String replacement) {}
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("import")
          || line.contains("\"") || line.contains("'")) {
        continue;
      }
      for (String[] edit : EDITS) {
        Matcher m = Pattern.compile(edit[0]).matcher(line);
        while (m.find()) {
          sites.add(new Site(i, m.start(), m.end(), edit[1]));
        }
      }
    }
    if (sites.isEmpty()) {
      return reference + "\n" + (reference.contains("def ") ? "raise SystemExit(3)\n" : "class LlmuxBroken { int x = ; }\n");
    }
    Site s = sites.get(random.nextInt(sites.size()));
    String line = lines[s.line()];
    lines[s.line()] = line.substring(0, s.start()) + s.replacement() + line.substring(s.end());
    return String.join("\n", lines);
  }
}
