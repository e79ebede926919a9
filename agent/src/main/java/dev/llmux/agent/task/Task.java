package dev.llmux.agent.task;

import dev.llmux.router.policy.RouteContext.Difficulty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A programming task, loaded from {@code tasks/<name>/} by {@link Tasks#load(Path)}.
 *
 * @param name the folder name, which is also the task's name
 * @param difficulty easy, medium or hard
 * @param language the language of the solution and tests
 * @param spec what the agent must build (the folder's {@code spec.md})
 * @param dir the task's folder
 * @param solutionFiles the files the agent writes, relative to the workspace (e.g. {@code solution.py})
 * @param testCount how many tests the pristine tests hold; the reward is passed tests over this
 */
public record Task(
    String name, Difficulty difficulty, Language language, String spec, Path dir, List<String> solutionFiles, int testCount) {

  /** Copies the list and checks the fields. */
  public Task {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(difficulty, "difficulty");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(dir, "dir");
    solutionFiles = List.copyOf(solutionFiles);
  }

  /** The pristine tests: copied over the workspace's {@code tests/} before every run. */
  public Path testsDir() {
    return dir.resolve("tests");
  }

  /** The reference solution, used only by tests and the mock backend. */
  public Path referenceDir() {
    return dir.resolve("reference");
  }

  /** Files the workspace starts with (stubs), or a folder that does not exist. */
  public Path starterDir() {
    return dir.resolve("starter");
  }

  /** Whether the task ships starter files. */
  public boolean hasStarter() {
    return Files.isDirectory(starterDir());
  }
}
