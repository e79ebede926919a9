package dev.llmux.agent.testing;

import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds the bundled tasks folder and writes small tasks for tests. */
public final class TestTasks {

  private TestTasks() {}

  /** The repository's {@code tasks/} folder, found by walking up from the working directory. */
  public static Path bundledDir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("tasks")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p.resolve("tasks");
      }
      p = p.getParent();
    }
    throw new IllegalStateException("no tasks/ folder above " + Path.of("").toAbsolutePath());
  }

  /** Writes a Python task with the given files under {@code root/name} and loads it. */
  public static Task python(Path root, String name, int testCount, Map<String, String> tests, Map<String, String> reference) {
    return write(root, name, "python", testCount, tests, reference);
  }

  /** Writes a Java task with the given files under {@code root/name} and loads it. */
  public static Task java(Path root, String name, int testCount, Map<String, String> tests, Map<String, String> reference) {
    return write(root, name, "java", testCount, tests, reference);
  }

  private static Task write(Path root, String name, String language, int testCount, Map<String, String> tests,
      Map<String, String> reference) {
    try {
      Path dir = Files.createDirectories(root.resolve(name));
      Files.createDirectories(dir.resolve("tests"));
      Files.createDirectories(dir.resolve("reference"));
      StringBuilder files = new StringBuilder();
      for (String f : reference.keySet()) {
        files.append(files.length() == 0 ? "" : ", ").append('"').append(f).append('"');
        Files.writeString(dir.resolve("reference").resolve(f), reference.get(f));
      }
      for (Map.Entry<String, String> e : tests.entrySet()) {
        Files.writeString(dir.resolve("tests").resolve(e.getKey()), e.getValue());
      }
      Files.writeString(dir.resolve("task.json"), "{\"name\": \"" + name + "\", \"difficulty\": \"easy\", \"language\": \""
          + language + "\", \"solutionFiles\": [" + files + "], \"testCount\": " + testCount + "}");
      Files.writeString(dir.resolve("spec.md"), "Test task " + name + ".\n");
      return Tasks.load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Python task {@code add(a, b)} with two tests. */
  public static Task pythonAdd(Path root) {
    return python(root, "py-add", 2,
        Map.of("test_add.py", """
            import unittest
            from solution import add


            class AddTest(unittest.TestCase):
                def test_small(self):
                    self.assertEqual(add(1, 2), 3)

                def test_negative(self):
                    self.assertEqual(add(-1, -2), -3)
            """),
        Map.of("solution.py", "def add(a, b):\n    return a + b\n"));
  }
}
