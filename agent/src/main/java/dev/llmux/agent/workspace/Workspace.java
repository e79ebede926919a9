package dev.llmux.agent.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A directory in which an agent works. Every path a tool gives is resolved by
 * {@link #resolve(String)}: absolute paths and {@code ..} are refused, and symbolic links are
 * followed by hand so that one leading out of the workspace is refused, even if it dangles.
 *
 * <p>Files written are capped at {@link #maxFileBytes()} each and {@link #maxTotalBytes()} in all;
 * reads return at most {@link #maxFileBytes()} with a truncation marker.
 */
public final class Workspace implements AutoCloseable {

  /** Default cap on one file: 256 KiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 256 << 10;

  /** Default cap on the whole workspace: 16 MiB. */
  public static final long DEFAULT_MAX_TOTAL_BYTES = 16 << 20;

  /** The most entries {@link #listFiles} returns. */
  public static final int MAX_LIST_ENTRIES = 500;

  private static final int MAX_LINK_HOPS = 40;

  private final Path root;
  private final boolean owned;
  private final long maxFileBytes;
  private final long maxTotalBytes;

  private Workspace(Path root, boolean owned, long maxFileBytes, long maxTotalBytes) {
    this.root = root;
    this.owned = owned;
    this.maxFileBytes = maxFileBytes;
    this.maxTotalBytes = maxTotalBytes;
  }

  /** A fresh, empty workspace in the system temp directory, deleted by {@link #close()}. */
  public static Workspace createTemp() {
    try {
      Path dir = OwnedTempDirs.create("ws");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new Workspace(dir.toRealPath(), true, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TOTAL_BYTES);
    } catch (IOException e) {
      throw new WorkspaceException("cannot create a workspace in " + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
    }
  }

  /** An existing directory used as a workspace; {@link #close()} leaves it in place. */
  public static Workspace at(Path dir) {
    try {
      Path real = dir.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new WorkspaceException("workspace " + dir + " is not a directory");
      }
      return new Workspace(real, false, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TOTAL_BYTES);
    } catch (IOException e) {
      throw new WorkspaceException("workspace " + dir + " does not exist: create it or give another directory", e);
    }
  }

  /** The same directory with other size caps. */
  public Workspace withCaps(long maxFileBytes, long maxTotalBytes) {
    return new Workspace(root, owned, maxFileBytes, maxTotalBytes);
  }

  /** The workspace's directory (a real path, without symbolic links). */
  public Path root() {
    return root;
  }

  /** The cap on one file in bytes. */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /** The cap on all files together in bytes. */
  public long maxTotalBytes() {
    return maxTotalBytes;
  }

  /**
   * Resolves a path given relative to the workspace to the real location inside it.
   *
   * @throws WorkspaceException when the path is absolute, contains {@code ..}, or a symbolic link
   *     on the way leads out of the workspace
   */
  public Path resolve(String path) {
    if (path.indexOf('\0') >= 0) {
      throw new WorkspaceException("path " + quote(path) + " contains a NUL character: give a plain relative path");
    }
    String p = path.strip();
    if (p.isEmpty() || p.equals(".")) {
      return root;
    }
    Path given = Path.of(p);
    if (given.isAbsolute() || p.startsWith("~")) {
      throw new WorkspaceException("path " + quote(path) + " is absolute: give a path relative to the workspace, such as 'solution.py'");
    }
    Deque<String> todo = new ArrayDeque<>();
    for (Path name : given) {
      if (name.toString().equals("..")) {
        throw new WorkspaceException("path " + quote(path) + " contains '..': paths must stay inside the workspace");
      }
      todo.addLast(name.toString());
    }
    Path cur = root;
    int hops = 0;
    while (!todo.isEmpty()) {
      String name = todo.removeFirst();
      if (name.equals(".") || name.isEmpty()) {
        continue;
      }
      if (name.equals("..")) {
        cur = cur.getParent();
        if (cur == null || !cur.startsWith(root)) {
          throw leadsOut(path);
        }
        continue;
      }
      Path next = cur.resolve(name);
      if (Files.isSymbolicLink(next)) {
        if (++hops > MAX_LINK_HOPS) {
          throw new WorkspaceException("path " + quote(path) + " has too many symbolic links: remove the loop");
        }
        Path target;
        try {
          target = Files.readSymbolicLink(next);
        } catch (IOException e) {
          throw new WorkspaceException("cannot read the symbolic link " + quote(root.relativize(next).toString()) + ": " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        if (target.isAbsolute()) {
          Path t = target.normalize();
          if (!t.startsWith(root)) {
            throw leadsOut(path);
          }
          cur = root;
          for (Path n : root.relativize(t)) {
            names.add(n.toString());
          }
        } else {
          for (Path n : target) {
            names.add(n.toString());
          }
        }
        for (int i = names.size() - 1; i >= 0; i--) {
          todo.addFirst(names.get(i));
        }
      } else {
        cur = next;
      }
    }
    return cur;
  }

  /** Reads a text file; content past {@link #maxFileBytes()} is replaced by a truncation marker. */
  public String readFile(String path) {
    Path p = resolve(path);
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new WorkspaceException("file " + quote(path) + " does not exist: use list_files to see what is there");
    }
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new WorkspaceException(quote(path) + " is not a regular file");
    }
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) maxFileBytes + 1);
      if (bytes.length > maxFileBytes) {
        long size = Files.size(p);
        return new String(bytes, 0, (int) maxFileBytes, StandardCharsets.UTF_8)
            + "\n[... llmux: file truncated, " + (size - maxFileBytes) + " more bytes ...]\n";
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WorkspaceException("cannot read " + quote(path) + ": " + e.getMessage(), e);
    }
  }

  /** Writes a text file, creating parent directories; refuses files or totals over the caps. */
  public void writeFile(String path, String content) {
    Path p = resolve(path);
    if (p.equals(root)) {
      throw new WorkspaceException("path " + quote(path) + " names the workspace itself: give a file name");
    }
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxFileBytes) {
      throw new WorkspaceException("content for " + quote(path) + " is " + bytes.length + " bytes; the limit is " + maxFileBytes
          + " bytes per file: write a smaller file");
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new WorkspaceException(quote(path) + " is a directory: give a file name");
    }
    try {
      long existing = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : 0;
      long total = totalBytes() - existing + bytes.length;
      if (total > maxTotalBytes) {
        throw new WorkspaceException("writing " + quote(path) + " would bring the workspace to " + total + " bytes; the limit is "
            + maxTotalBytes + ": delete or shorten files");
      }
      Files.createDirectories(p.getParent());
      Files.write(p, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new WorkspaceException("cannot write " + quote(path) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Lists files and directories under a path, recursively, relative to the workspace, sorted;
   * directories end in '/', symbolic links show as {@code name -> target}. At most
   * {@link #MAX_LIST_ENTRIES} entries.
   */
  public List<String> listFiles(String path) {
    Path start = resolve(path);
    if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
        return List.of(root.relativize(start).toString());
      }
      throw new WorkspaceException("directory " + quote(path) + " does not exist: use list_files with path '.'");
    }
    List<String> out = new ArrayList<>();
    try {
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (!dir.equals(start)) {
            out.add(root.relativize(dir) + "/");
          }
          return out.size() >= MAX_LIST_ENTRIES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String rel = root.relativize(file).toString();
          out.add(attrs.isSymbolicLink() ? rel + " -> " + Files.readSymbolicLink(file) : rel);
          return out.size() >= MAX_LIST_ENTRIES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new WorkspaceException("cannot list " + quote(path) + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  /** Copies a directory tree into the workspace (task starter files, pristine tests), replacing files. */
  public void copyFrom(Path source, String target) {
    Path dest = resolve(target);
    try {
      Files.walkFileTree(source, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          Path d = dest.resolve(source.relativize(dir).toString());
          if (Files.isSymbolicLink(d)) {
            Files.delete(d);
          }
          Files.createDirectories(d);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (attrs.isRegularFile()) {
            Files.copy(file, dest.resolve(source.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
                LinkOption.NOFOLLOW_LINKS);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new WorkspaceException("cannot copy " + source + " into the workspace: " + e.getMessage(), e);
    }
  }

  /** Deletes a file or directory tree inside the workspace without following symbolic links. */
  public void delete(String path) {
    Path p = resolve(path);
    if (p.equals(root)) {
      throw new WorkspaceException("refusing to delete the workspace itself");
    }
    deleteTree(p);
  }

  /** The bytes of all regular files in the workspace. */
  public long totalBytes() throws IOException {
    AtomicLong sum = new AtomicLong();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
          sum.addAndGet(attrs.size());
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return sum.get();
  }

  /** Deletes the workspace when it was created by {@link #createTemp()}. */
  @Override
  public void close() {
    if (owned) {
      deleteTree(root);
    }
  }

  /** Deletes a tree without following symbolic links. */
  public static void deleteTree(Path top) {
    if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(top);
        return;
      }
      Files.walkFileTree(top, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new WorkspaceException("cannot delete " + top + ": " + e.getMessage(), e);
    }
  }

  private static WorkspaceException leadsOut(String path) {
    return new WorkspaceException("path " + quote(path) + " goes through a symbolic link that leads out of the workspace: refused");
  }

  private static String quote(String s) {
    return "'" + s + "'";
  }

  @Override
  public String toString() {
    return "Workspace[" + root + "]";
  }

  /** Whether a directory entry exists in the workspace at this path (without following links). */
  public boolean exists(String path) {
    return Files.exists(resolve(path), LinkOption.NOFOLLOW_LINKS);
  }
}
