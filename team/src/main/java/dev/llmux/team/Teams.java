package dev.llmux.team;

import dev.llmux.AtomicFiles;
import dev.llmux.engine.json.JsonFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The team files of one folder, {@code NAME.json} each: {@code $XDG_CONFIG_HOME/llmux/teams}, else
 * {@code ~/.config/llmux/teams} ({@link #userFolder}), or {@code teams/} beside a catalog
 * ({@link #besideCatalog}). Writes are atomic; a corrupt file is an error naming the file and the
 * JSON path.
 */
public final class Teams {

  private final Path dir;

  /** The team files in {@code dir}. */
  public Teams(Path dir) {
    this.dir = dir;
  }

  /** The user's team folder, from the environment given ({@code XDG_CONFIG_HOME}, {@code HOME}). */
  public static Path userFolder(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "llmux", "teams");
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".config", "llmux", "teams");
  }

  /** The {@code teams/} folder beside a catalog file. */
  public static Path besideCatalog(Path catalog) {
    Path parent = catalog.toAbsolutePath().getParent();
    return parent.resolve("teams");
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /** The file of the named team. */
  public Path file(String name) {
    Team.checkName(name);
    return dir.resolve(name + ".json");
  }

  /** Writes a team; {@code replace} false refuses to overwrite an existing one. */
  public Path save(Team team, boolean replace) {
    Path f = file(team.name());
    if (!replace && Files.exists(f)) {
      throw new TeamException("team " + team.name() + " exists (" + f + "): delete it first or give --force");
    }
    try {
      Files.createDirectories(dir);
      AtomicFiles.writeString(f, JsonFields.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(team.toJson()) + "\n");
    } catch (IOException e) {
      throw new TeamException("cannot write " + f + ": " + e.getMessage(), e);
    }
    return f;
  }

  /** Reads the named team. */
  public Team load(String name) {
    Path f = file(name);
    if (!Files.isRegularFile(f)) {
      throw new TeamException("no team '" + name + "' in " + dir + ": create it with llmux team create " + name);
    }
    String text;
    try {
      text = Files.readString(f);
    } catch (IOException e) {
      throw new TeamException("cannot read " + f + ": " + e.getMessage(), e);
    }
    JsonFields fields = JsonFields.of("team file " + f, TeamException::new);
    Team t = Team.fromJson(fields.parse(text), fields);
    if (!t.name().equals(name)) {
      throw new TeamException("team file " + f + ": $.name is '" + t.name() + "' but the file is " + name + ".json: make them equal");
    }
    return t;
  }

  /** The team names, sorted. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
          .forEach(n -> out.add(n.substring(0, n.length() - 5)));
    } catch (IOException e) {
      throw new TeamException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Deletes the named team; false when there was none. */
  public boolean delete(String name) {
    try {
      return Files.deleteIfExists(file(name));
    } catch (IOException e) {
      throw new TeamException("cannot delete " + file(name) + ": " + e.getMessage(), e);
    }
  }
}
