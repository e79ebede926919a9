package dev.llmux.nativelib;

import dev.llmux.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and loads the llama.cpp JNI library in a numbered order (see {@link NativeLibraries}),
 * then points the binding's own loader at the loaded file so it neither extracts nor cleans up.
 */
final class NativeLoader {

  /** The library's file name, as the binding's loader expects it. */
  static final String LIBRARY_FILE = System.mapLibraryName("jllama");

  private static final Logger LOG = LoggerFactory.getLogger(NativeLoader.class);

  private final String propertyPath;
  private final String environmentPath;
  private final Path tempBase;
  private final Path hostDir;
  private final Path cpuinfo;
  private Path cacheDir;
  private final List<String> tried = new ArrayList<>();
  private final List<String> passedOver = new ArrayList<>();

  NativeLoader(String propertyPath, String environmentPath, Path cacheDir) {
    this(propertyPath, environmentPath, cacheDir, null, Paths.get("/proc/cpuinfo"));
  }

  /** A loader that also looks for a host build in {@code hostDir} (may be {@code null}), checked against {@code cpuinfo}. */
  NativeLoader(String propertyPath, String environmentPath, Path cacheDir, Path hostDir, Path cpuinfo) {
    this(propertyPath, environmentPath, cacheDir, Paths.get(System.getProperty("java.io.tmpdir")), hostDir, cpuinfo);
  }

  /**
   * A loader whose cache falls back to a private folder under {@code tempBase} when {@code
   * cacheDir} cannot be created.
   */
  NativeLoader(String propertyPath, String environmentPath, Path cacheDir, Path tempBase) {
    this(propertyPath, environmentPath, cacheDir, tempBase, null, Paths.get("/proc/cpuinfo"));
  }

  private NativeLoader(String propertyPath, String environmentPath, Path cacheDir, Path tempBase, Path hostDir,
      Path cpuinfo) {
    this.propertyPath = blankToNull(propertyPath);
    this.environmentPath = blankToNull(environmentPath);
    this.cacheDir = cacheDir;
    this.tempBase = tempBase;
    this.hostDir = hostDir;
    this.cpuinfo = cpuinfo;
  }

  /** The default per-user cache folder. */
  static Path defaultCache() {
    String explicit = System.getProperty(NativeLibraries.CACHE_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return Paths.get(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
    return base.resolve("llmux").resolve("native");
  }

  LoadedLibrary load() {
    usableCache();
    if (propertyPath != null) {
      return loadExplicit(Paths.get(propertyPath), LoadedLibrary.Source.SYSTEM_PROPERTY,
          "system property " + NativeLibraries.PATH_PROPERTY);
    }
    if (environmentPath != null) {
      return loadExplicit(Paths.get(environmentPath), LoadedLibrary.Source.ENVIRONMENT,
          "environment variable " + NativeLibraries.PATH_ENV);
    }
    if (hostDir != null) {
      LoadedLibrary host = loadHostBuild();
      if (host != null) {
        return host;
      }
    }
    return loadBundled();
  }

  /**
   * The host build in {@link #hostDir} when it is there and fits this machine; {@code null} (with a
   * warning naming why) when it is absent, does not fit, or fails to load.
   */
  LoadedLibrary loadHostBuild() {
    Path file = hostDir.resolve(LIBRARY_FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    tried.add(file + " (host build)");
    NativeManifest m;
    try {
      m = NativeManifest.read(hostDir);
    } catch (IOException | IllegalArgumentException e) {
      passOver(file, "its manifest " + NativeManifest.FILE_NAME + " is missing or unreadable (" + e.getMessage()
          + "); rebuild it with 'llmux native build'");
      return null;
    }
    String misfit = misfit(m);
    if (misfit != null) {
      passOver(file, misfit);
      return null;
    }
    try {
      return finish(file, LoadedLibrary.Source.HOST_BUILD, m, "built for this machine by 'llmux native build' ("
          + m.summary() + "), found in " + hostDir + "; preferred to the bundled build");
    } catch (NativeLibraryException e) {
      passOver(file, "it failed to load (" + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")");
      return null;
    }
  }

  /** Why host builds were passed over so far, one line each. */
  List<String> passedOver() {
    return List.copyOf(passedOver);
  }

  private void passOver(Path file, String why) {
    String line = "the host build " + file + " was passed over: " + why;
    LOG.warn("{}; using the bundled library", line);
    passedOver.add(line);
  }

  /** Why a library with manifest {@code m} cannot run here, or {@code null} when it can. */
  private String misfit(NativeManifest m) {
    if (!m.llamaCppBuild().equals(NativeBuild.LLAMA_CPP_TAG)) {
      return "it was built from llama.cpp " + m.llamaCppBuild() + ", but this llmux needs " + NativeBuild.LLAMA_CPP_TAG
          + " (the binding's JNI glue must match); rebuild it with 'llmux native build'";
    }
    if (!m.os().equals(NativeBuild.osName()) || !m.arch().equals(NativeBuild.osArch())) {
      return "it was built for " + m.os() + " " + m.arch() + ", this is " + NativeBuild.osName() + " " + NativeBuild.osArch();
    }
    java.util.Set<String> host = CpuFeatures.host(cpuinfo);
    if (host.isEmpty() && !m.cpuFeatures().isEmpty()) {
      return "this processor's features cannot be read (no " + cpuinfo + "), and the build needs "
          + String.join(" ", m.cpuFeatures());
    }
    List<String> missing = m.missingFeatures(host);
    if (!missing.isEmpty()) {
      return "it needs processor features this CPU lacks (" + String.join(" ", missing) + "; built on " + m.cpuModel()
          + "): loading it would stop the JVM with an illegal instruction. Rebuild it on this machine with 'llmux native build'";
    }
    return null;
  }

  /**
   * Makes sure the cache folder can be created; when it cannot (a home folder that is not
   * writable), uses a private folder of this user under the temporary folder instead, with a warning.
   */
  private void usableCache() {
    try {
      createPrivateDirectories(cacheDir);
      return;
    } catch (IOException e) {
      Path fallback = privateTempCache();
      LOG.warn("cannot create the native library cache {} ({}): using {} instead; set -D{} to a writable folder",
          cacheDir, e.getMessage(), fallback, NativeLibraries.CACHE_PROPERTY);
      tried.add(cacheDir + " (cache folder: " + e.getMessage() + ")");
      cacheDir = fallback;
    }
  }

  /**
   * This user's private cache under the temporary folder: {@code llmux-<user>-native}, made owner-only;
   * when that name is taken by anything but an owner-only folder of this user, a fresh private
   * temporary folder.
   */
  private Path privateTempCache() {
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    Path dir = tempBase.resolve("llmux-" + user + "-native");
    try {
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException e) {
        // Checked below: it must be this user's own private folder, not a link or someone else's.
      } catch (UnsupportedOperationException e) {
        Files.createDirectories(dir);
        return dir;
      }
      if (!Files.isSymbolicLink(dir) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
          && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
          && PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS))
              .equals("rwx------")) {
        return dir;
      }
      return Files.createTempDirectory(tempBase, "llmux-native-");
    } catch (IOException e) {
      throw failure("cannot create the cache folder " + cacheDir + " nor a private one in " + tempBase + " ("
          + e.getMessage() + "). Set -D" + NativeLibraries.CACHE_PROPERTY + " to a writable folder", e);
    }
  }

  private LoadedLibrary loadExplicit(Path given, LoadedLibrary.Source source, String origin) {
    Path file = Files.isDirectory(given) ? given.resolve(LIBRARY_FILE) : given;
    tried.add(file + " (" + origin + ")");
    if (!Files.isRegularFile(file)) {
      throw failure("the " + origin + " names " + given + ", but no library file " + file.getFileName()
          + " exists there. Point it at a " + LIBRARY_FILE + " built from java-llama.cpp 4.2.0 (llama.cpp b4916)", null);
    }
    NativeManifest m = null;
    if (Files.isRegularFile(file.getParent().resolve(NativeManifest.FILE_NAME))) {
      try {
        m = NativeManifest.read(file.getParent());
      } catch (IOException | IllegalArgumentException e) {
        throw failure("the manifest beside " + file + " is unreadable (" + e.getMessage() + "); rebuild the library with"
            + " 'llmux native build' or remove " + NativeManifest.FILE_NAME, e);
      }
      String misfit = misfit(m);
      if (misfit != null) {
        throw failure("refusing " + file + ": " + misfit, null);
      }
    }
    return finish(file, source, m, "named by the " + origin + " (it comes before every other library)");
  }

  private LoadedLibrary loadBundled() {
    String resource = bundledResource();
    tried.add("classpath:" + resource);
    // Through the class loader, not this class: on the module path Class.getResourceAsStream
    // looks only inside this module, and the library lies in the binding's jar.
    ClassLoader loader = NativeLoader.class.getClassLoader();
    try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource.substring(1))) {
      if (in == null) {
        throw failure("no native library is bundled for os.name=" + System.getProperty("os.name") + ", os.arch="
            + System.getProperty("os.arch") + ". Build java-llama.cpp for this platform and set -D"
            + NativeLibraries.PATH_PROPERTY + " or " + NativeLibraries.PATH_ENV, null);
      }
      byte[] bytes = in.readAllBytes();
      String sha = sha256(bytes);
      Path dir = cacheDir.resolve(sha.substring(0, 16));
      Path file = dir.resolve(LIBRARY_FILE);
      tried.add(file + " (extracted)");
      if (!Files.isRegularFile(file) || Files.size(file) != bytes.length || !sha.equals(sha256(Files.readAllBytes(file)))) {
        createPrivateDirectories(dir);
        Path tmp = Files.createTempFile(dir, "extract-", ".tmp");
        Files.write(tmp, bytes);
        AtomicFiles.move(tmp, file);
      }
      return finish(file, LoadedLibrary.Source.BUNDLED, null, "the generic CPU build bundled in de.kherud:llama 4.2.0"
          + (passedOver.isEmpty() ? (hostDir == null ? "" : "; no host build in " + hostDir + " (make one with 'llmux native build')")
              : "; " + String.join("; ", passedOver)));
    } catch (IOException e) {
      throw failure("could not extract the bundled library to " + cacheDir + " (" + e.getMessage()
          + "). Make the folder writable or set -D" + NativeLibraries.CACHE_PROPERTY + " to a writable folder", e);
    }
  }

  private LoadedLibrary finish(Path file, LoadedLibrary.Source source, NativeManifest manifest, String reason) {
    Path absolute = file.toAbsolutePath().normalize();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(absolute);
    } catch (IOException e) {
      throw failure("cannot read " + absolute + ": " + e.getMessage(), e);
    }
    // The library's JNI_OnLoad initializes the binding's LlamaModel class, whose loader then runs
    // inside this System.load: point it at this file first (the nested load of the same file is
    // a no-op for the JVM).
    pointBindingAt(absolute);
    try {
      System.load(absolute.toString());
    } catch (UnsatisfiedLinkError e) {
      throw failure("the library " + absolute + " exists but failed to load: " + e.getMessage()
          + ". Check that it was built for this platform and that its dependencies (for a CUDA build: the CUDA runtime) are installed", e);
    }
    return new LoadedLibrary(absolute, source, hasGpuBackend(bytes) || manifest != null && manifest.cuda(), sha256(bytes),
        manifest, reason);
  }

  /**
   * Makes the binding's loader find the already-loaded file (so it neither extracts nor prints),
   * and gives it a private temporary folder of its own (it deletes llama* files in that folder).
   */
  private void pointBindingAt(Path file) {
    Path libDir = file.getParent();
    if (!file.getFileName().toString().equals(LIBRARY_FILE)) {
      libDir = linkUnderStandardName(file);
    }
    Path bindingTmp = cacheDir.resolve("binding-tmp");
    try {
      createPrivateDirectories(bindingTmp);
    } catch (IOException e) {
      throw failure("cannot create " + bindingTmp + ": " + e.getMessage(), e);
    }
    System.setProperty("de.kherud.llama.lib.path", libDir.toString());
    System.setProperty("de.kherud.llama.tmpdir", bindingTmp.toString());
  }

  private Path linkUnderStandardName(Path file) {
    try {
      Path dir = cacheDir.resolve("links").resolve(sha256(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16));
      createPrivateDirectories(dir);
      Path link = dir.resolve(LIBRARY_FILE);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, file);
      return dir;
    } catch (IOException e) {
      throw failure("cannot link " + file + " as " + LIBRARY_FILE + " in " + cacheDir + ": " + e.getMessage()
          + ". Rename the library to " + LIBRARY_FILE, e);
    }
  }

  private NativeLibraryException failure(String problem, Throwable cause) {
    return new NativeLibraryException("cannot load the llama.cpp native library: " + problem + ". Tried: "
        + String.join(", ", tried), cause);
  }

  static String bundledResource() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osDir = os.contains("linux") ? "Linux" : os.contains("mac") ? "Mac" : os.contains("windows") ? "Windows" : os;
    String archDir = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> arch;
    };
    return "/de/kherud/llama/" + osDir + "/" + archDir + "/" + LIBRARY_FILE;
  }

  /** Whether the library's bytes mention a CUDA backend (symbol names survive stripping in .dynsym/.rodata). */
  static boolean hasGpuBackend(byte[] bytes) {
    return indexOf(bytes, "ggml_backend_cuda".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) >= 0
        || indexOf(bytes, "libcudart".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) >= 0;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: rely on the user's home folder permissions.
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
