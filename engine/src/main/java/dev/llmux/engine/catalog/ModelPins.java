package dev.llmux.engine.catalog;

import dev.llmux.AtomicFiles;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.gguf.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SHA-256 pins of model files ({@code "sha256"} of a catalog's local model): checked on every
 * load of a pinned model by {@link ModelManager}, and by {@code llmux models verify}.
 *
 * <p>Hashing a model file takes seconds per gigabyte, so each file's hash is remembered with the
 * file's absolute path, size and modification time, in memory and in a small record under {@code
 * $XDG_CACHE_HOME/llmux/sha256} (or {@code ~/.cache/llmux/sha256}); a file is hashed again only
 * when one of the three changed. An unwritable cache folder only costs the re-hashing. {@link
 * #verify} always hashes (a full check on request). Thread-safe.
 */
public final class ModelPins {

  private static final Logger LOG = LoggerFactory.getLogger(ModelPins.class);
  private static final ModelPins SHARED = new ModelPins(defaultCache());

  /** What a hash was computed for. */
  private record Version(long size, long modifiedMillis) {}

  private record Known(Version version, String sha256) {}

  private final Path cacheDir;
  private final Map<Path, Known> known = new ConcurrentHashMap<>();
  private final AtomicInteger hashed = new AtomicInteger();

  /** Pins whose hashes are remembered in {@code cacheDir} (and in memory); {@code null} keeps them in memory only. */
  public ModelPins(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /** The pins of this process, remembered in the user's cache folder. */
  public static ModelPins shared() {
    return SHARED;
  }

  private static Path defaultCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    String home = System.getProperty("user.home");
    if ((xdg == null || xdg.isBlank()) && home == null) {
      return null;
    }
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache");
    return base.resolve("llmux").resolve("sha256");
  }

  /**
   * Checks that {@code file} has the pinned SHA-256 {@code expected} (hex, any case), hashing it
   * only when it changed since it was last hashed.
   *
   * @throws ModelFormatException on a mismatch: names the file, both hashes and what to do
   * @throws ConfigException when the file cannot be read
   */
  public void check(Path file, String expected) {
    compare(file, expected, sha256(file));
  }

  /** As {@link #check}, hashing the file now whatever was remembered. */
  public void verify(Path file, String expected) {
    compare(file, expected, rehash(file));
  }

  private static void compare(Path file, String expected, String actual) {
    if (!actual.equalsIgnoreCase(expected)) {
      throw new ModelFormatException(file, -1, "sha256 is " + actual + " but " + expected.toLowerCase(Locale.ROOT)
          + " is pinned: the file is corrupt or not the pinned one; copy it again (or, if it was replaced on purpose,"
          + " pin its new sha256 in the catalog)");
    }
  }

  /**
   * The file's SHA-256 (lower-case hex): the remembered one while the file's size and modification
   * time are unchanged, else computed now.
   *
   * @throws ConfigException when the file cannot be read
   */
  public String sha256(Path file) {
    Path key = file.toAbsolutePath().normalize();
    Version v = version(key);
    Known k = known.get(key);
    if (k == null) {
      k = readRecord(key);
      if (k != null) {
        known.put(key, k);
      }
    }
    if (k != null && k.version().equals(v)) {
      return k.sha256();
    }
    return rehash(file);
  }

  /**
   * The file's SHA-256, computed now and remembered.
   *
   * @throws ConfigException when the file cannot be read
   */
  public String rehash(Path file) {
    Path key = file.toAbsolutePath().normalize();
    Version before = version(key);
    String sha;
    try {
      sha = digest(key);
    } catch (IOException e) {
      throw new ConfigException("cannot read model file " + file + " to check its sha256: " + e.getMessage(), e);
    }
    hashed.incrementAndGet();
    if (before.equals(version(key))) {
      Known k = new Known(before, sha);
      known.put(key, k);
      writeRecord(key, k);
    }
    return sha;
  }

  /** How many times a file was hashed: a test hook for the cache. */
  int hashed() {
    return hashed.get();
  }

  private static Version version(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Version(a.size(), a.lastModifiedTime().toMillis());
    } catch (IOException e) {
      throw new ConfigException("cannot read model file " + file + " to check its sha256: " + e.getMessage(), e);
    }
  }

  private static String digest(Path file) throws IOException {
    MessageDigest md = sha256Digest();
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }

  private Path recordFile(Path key) {
    String name = HexFormat.of().formatHex(sha256Digest().digest(key.toString().getBytes(StandardCharsets.UTF_8)));
    return cacheDir.resolve(name.substring(0, 32));
  }

  /** The remembered hash of {@code key} from the cache folder, or null. Lines: path, size, modified, sha256. */
  private Known readRecord(Path key) {
    if (cacheDir == null) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(recordFile(key), StandardCharsets.UTF_8);
      if (lines.size() == 4 && lines.get(0).equals(key.toString()) && lines.get(3).matches("[0-9a-f]{64}")) {
        return new Known(new Version(Long.parseLong(lines.get(1)), Long.parseLong(lines.get(2))), lines.get(3));
      }
    } catch (IOException | RuntimeException e) {
      // No record, or an unreadable one: hash the file.
    }
    return null;
  }

  private void writeRecord(Path key, Known k) {
    if (cacheDir == null) {
      return;
    }
    try {
      Files.createDirectories(cacheDir);
      AtomicFiles.writeString(recordFile(key), key + "\n" + k.version().size() + "\n" + k.version().modifiedMillis()
          + "\n" + k.sha256() + "\n");
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot remember the sha256 of {} in {}: {}", key, cacheDir, e.getMessage());
    }
  }
}
