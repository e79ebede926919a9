package dev.llmux.team;

import dev.llmux.AtomicFiles;
import dev.llmux.team.store.FileChange;
import dev.llmux.team.store.Hashes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A workspace as a map of relative path to text: read from a folder (text files up to 256 KiB,
 * 16 MiB in all; hidden folders such as {@code .git} are left out), written into a teammate's
 * copy, compared after the teammate worked, and written back into the run's folder at the end
 * without overwriting anything changed there meanwhile.
 */
public final class WorkspaceFiles {

  /** The largest file carried, in bytes. */
  public static final long MAX_FILE = 256 << 10;
  /** The most carried in all, in bytes. */
  public static final long MAX_TOTAL = 16 << 20;

  private WorkspaceFiles() {}

  /** The text files under {@code dir}; binary, hidden and oversized files are left out. */
  public static Map<String, String> read(Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    long[] total = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          return !d.equals(dir) && d.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE
              : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          if (!attrs.isRegularFile() || attrs.size() > MAX_FILE || f.getFileName().toString().startsWith(".")) {
            return FileVisitResult.CONTINUE;
          }
          total[0] += attrs.size();
          if (total[0] > MAX_TOTAL) {
            throw new TeamException("the workspace " + dir + " holds more than " + (MAX_TOTAL >> 20)
                + " MiB of text files: give a smaller --dir");
          }
          String text = utf8(Files.readAllBytes(f));
          if (text != null) {
            out.put(dir.relativize(f).toString().replace('\\', '/'), text);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new TeamException("cannot read the workspace " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Writes every file into {@code dir} (a fresh teammate copy). */
  public static void write(Path dir, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> e : files.entrySet()) {
        Path f = dir.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue());
      }
    } catch (IOException e) {
      throw new TeamException("cannot write the workspace copy " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The changes a teammate made to the files its subtask lists, against the copy it started from.
   * Changes to other files are not merged (the caller lists them).
   */
  public static List<FileChange> changes(Map<String, String> before, Map<String, String> after, List<String> allowed) {
    List<FileChange> out = new ArrayList<>();
    for (String path : allowed) {
      String b = before.get(path);
      String a = after.get(path);
      if (!Objects.equals(a, b)) {
        out.add(new FileChange(path, Hashes.of(b), a));
      }
    }
    return out;
  }

  /** The files a teammate changed that its subtask does not list. */
  public static List<String> outside(Map<String, String> before, Map<String, String> after, List<String> allowed) {
    List<String> out = new ArrayList<>();
    TreeMap<String, String> all = new TreeMap<>(before);
    all.putAll(after);
    for (String path : all.keySet()) {
      if (!allowed.contains(path) && !Objects.equals(before.get(path), after.get(path))) {
        out.add(path);
      }
    }
    return out;
  }

  /**
   * Writes the run's merged files into its folder: a file changed by the run is written only when
   * the folder still holds the content the run started from; otherwise the team's version goes
   * beside it as {@code NAME.team-RUN} and the path is returned as a conflict. Never overwrites
   * what someone changed meanwhile.
   */
  public static List<String> writeBack(Path dir, Map<String, String> base, Map<String, String> merged, String run) {
    List<String> conflicts = new ArrayList<>();
    TreeMap<String, String> all = new TreeMap<>(base);
    all.putAll(merged);
    try {
      for (String path : all.keySet()) {
        String b = base.get(path);
        String m = merged.get(path);
        if (Objects.equals(b, m)) {
          continue;
        }
        Path f = dir.resolve(path);
        String now = Files.isRegularFile(f) ? utf8(Files.readAllBytes(f)) : null;
        if (Objects.equals(now, m)) {
          continue; // already written (a resumed run)
        }
        if (!Objects.equals(now, b)) {
          conflicts.add(path);
          if (m != null) {
            Path beside = dir.resolve(path + ".team-" + run);
            Files.createDirectories(beside.getParent());
            AtomicFiles.writeString(beside, m);
          }
          continue;
        }
        if (m == null) {
          Files.deleteIfExists(f);
        } else {
          Files.createDirectories(f.getParent());
          AtomicFiles.writeString(f, m);
        }
      }
    } catch (IOException e) {
      throw new TeamException("cannot write the run's files into " + dir + ": " + e.getMessage(), e);
    }
    return conflicts;
  }

  /** The hash of each file, for messages and tests. */
  public static Map<String, String> hashes(Map<String, String> files) {
    Map<String, String> out = new TreeMap<>();
    files.forEach((k, v) -> out.put(k, Hashes.of(v)));
    return out;
  }
}
