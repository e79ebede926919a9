package dev.llmux.agent.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads tasks from their folders. A task folder holds {@code task.json}
 * ({@code {"name", "difficulty": "easy|medium|hard", "language": "python|java", "solutionFiles": [...],
 * "testCount": N}}), {@code spec.md}, {@code tests/}, {@code reference/} and optionally
 * {@code starter/}.
 */
public final class Tasks {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("name", "difficulty", "language", "solutionFiles", "testCount");

  private Tasks() {}

  /** Loads the task in {@code dir}; errors name the file and field to fix. */
  public static Task load(Path dir) {
    Path json = dir.resolve("task.json");
    if (!Files.isRegularFile(json)) {
      throw new TaskException(dir + " is not a task folder: it has no task.json");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json.toFile());
    } catch (IOException e) {
      throw new TaskException(json + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new TaskException(json + ": the top level must be a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new TaskException(json + ": unknown field '" + f + "': the fields are " + FIELDS);
      }
    }
    String name = text(json, root, "name");
    String folder = dir.toAbsolutePath().normalize().getFileName().toString();
    if (!name.equals(folder)) {
      throw new TaskException(json + ": name is '" + name + "' but the folder is '" + folder + "': make them equal");
    }
    Difficulty difficulty;
    String d = text(json, root, "difficulty");
    try {
      difficulty = Difficulty.valueOf(d.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      difficulty = Difficulty.UNKNOWN;
    }
    if (difficulty == Difficulty.UNKNOWN) {
      throw new TaskException(json + ": difficulty is '" + d + "': use easy, medium or hard");
    }
    Language language;
    try {
      language = Language.of(text(json, root, "language"));
    } catch (TaskException e) {
      throw new TaskException(json + ": " + e.getMessage(), e);
    }
    JsonNode files = root.get("solutionFiles");
    if (files == null || !files.isArray() || files.isEmpty()) {
      throw new TaskException(json + ": solutionFiles must be a non-empty array of file names");
    }
    List<String> solutionFiles = new ArrayList<>();
    for (JsonNode f : files) {
      if (!f.isTextual() || f.asText().isBlank() || f.asText().contains("..") || f.asText().startsWith("/")) {
        throw new TaskException(json + ": solutionFiles holds " + f + ": give relative file names");
      }
      solutionFiles.add(f.asText());
    }
    JsonNode count = root.get("testCount");
    if (count == null || !count.canConvertToInt() || count.asInt() < 1) {
      throw new TaskException(json + ": testCount must be a positive integer (the number of tests in tests/)");
    }
    Path specFile = dir.resolve("spec.md");
    String spec;
    try {
      spec = Files.readString(specFile).strip();
    } catch (IOException e) {
      throw new TaskException(dir + ": cannot read spec.md: write the task's description there", e);
    }
    if (!Files.isDirectory(dir.resolve("tests"))) {
      throw new TaskException(dir + ": has no tests/ folder");
    }
    for (String f : solutionFiles) {
      if (!Files.isRegularFile(dir.resolve("reference").resolve(f))) {
        throw new TaskException(dir + ": reference/" + f + " is missing: every solution file needs a reference version");
      }
    }
    return new Task(name, difficulty, language, spec, dir.toAbsolutePath().normalize(), solutionFiles, count.asInt());
  }

  /** Loads every task folder directly under {@code root}, sorted by name. */
  public static List<Task> loadAll(Path root) {
    if (Files.isRegularFile(root.resolve("task.json"))) {
      return List.of(load(root));
    }
    List<Task> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p.resolve("task.json"))) {
          out.add(load(p));
        }
      }
    } catch (IOException e) {
      throw new TaskException("cannot read the tasks folder " + root + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new TaskException(root + " holds no task folders (folders with a task.json)");
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /** Reads a reference solution file. */
  public static String reference(Task task, String file) {
    try {
      return Files.readString(task.referenceDir().resolve(file));
    } catch (IOException e) {
      throw new TaskException("cannot read " + task.referenceDir().resolve(file) + ": " + e.getMessage(), e);
    }
  }

  private static String text(Path json, JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new TaskException(json + ": field '" + field + "' must be a non-empty string");
    }
    return n.asText();
  }
}
