package dev.llmux.nativelib;

/**
 * Loads the llama.cpp JNI library into this JVM, exactly once and thread-safely.
 *
 * <p>Lookup order (the first that exists is used; a path that exists but fails to load is an
 * error, not skipped):
 *
 * <ol>
 *   <li>the system property {@value #PATH_PROPERTY}: a library file or a folder holding
 *       {@code libjllama.so};
 *   <li>the environment variable {@value #PATH_ENV}, same form;
 *   <li>a library built for this machine by {@code llmux native build} ({@link NativeBuild}), in
 *       {@link #hostBuildDir()}: {@code $XDG_DATA_HOME/llmux/native/<os>-<arch>} or {@code
 *       ~/.local/share/llmux/native/<os>-<arch>}, or the folder named by {@value #HOST_DIR_PROPERTY}.
 *       Its manifest is checked first: a build for another llama.cpp version, operating system or
 *       architecture, or one that uses a processor feature this CPU lacks (which would stop the JVM
 *       with an illegal instruction), is passed over with a warning, and so is one that fails to
 *       load (a CUDA build without the CUDA runtime);
 *   <li>the CPU library bundled in the de.kherud:llama jar, extracted to a private per-user cache
 *       folder ({@code $XDG_CACHE_HOME/llmux/native} or {@code ~/.cache/llmux/native}, or the
 *       folder named by {@value #CACHE_PROPERTY}); when that folder cannot be created (a home
 *       folder that is not writable), an owner-only {@code llmux-<user>-native} folder in the
 *       temporary folder, with a warning.
 * </ol>
 *
 * <p>A library named by the property or the environment variable that has a manifest beside it is
 * checked the same way, and refused with an error instead of passed over.
 *
 * <p>Unlike the binding's own loader, this never deletes files in the temporary folder and never
 * prints to stdout. Call {@link #load()} before anything touches the binding's {@code LlamaModel}.
 */
public final class NativeLibraries {

  /** System property naming the native library file or its folder. */
  public static final String PATH_PROPERTY = "llmux.native.path";

  /** Environment variable naming the native library file or its folder. */
  public static final String PATH_ENV = "LLMUX_NATIVE_PATH";

  /** System property naming the cache folder the bundled library is extracted to. */
  public static final String CACHE_PROPERTY = "llmux.native.cache";

  /** System property naming the folder of the host-built library (default: see {@link #hostBuildDir()}). */
  public static final String HOST_DIR_PROPERTY = "llmux.native.home";

  private static volatile LoadedLibrary loaded;

  private NativeLibraries() {}

  /**
   * Loads the library if it is not loaded yet and returns what was loaded.
   *
   * @throws NativeLibraryException listing every path tried when no library could be loaded
   */
  public static LoadedLibrary load() {
    LoadedLibrary l = loaded;
    if (l != null) {
      return l;
    }
    synchronized (NativeLibraries.class) {
      if (loaded == null) {
        loaded = new NativeLoader(System.getProperty(PATH_PROPERTY), System.getenv(PATH_ENV), NativeLoader.defaultCache(),
            hostBuildDir(), java.nio.file.Paths.get("/proc/cpuinfo")).load();
      }
      return loaded;
    }
  }

  /**
   * The per-user folder of the library {@code llmux native build} makes for this machine: the
   * property {@value #HOST_DIR_PROPERTY}, else {@code $XDG_DATA_HOME/llmux/native/<os>-<arch>}, else
   * {@code ~/.local/share/llmux/native/<os>-<arch>}.
   */
  public static java.nio.file.Path hostBuildDir() {
    String explicit = System.getProperty(HOST_DIR_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return java.nio.file.Paths.get(explicit);
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    java.nio.file.Path base = xdg != null && !xdg.isBlank() ? java.nio.file.Paths.get(xdg)
        : java.nio.file.Paths.get(System.getProperty("user.home"), ".local", "share");
    return base.resolve("llmux").resolve("native")
        .resolve(NativeBuild.osName().toLowerCase(java.util.Locale.ROOT) + "-" + NativeBuild.osArch());
  }

  /** The library loaded so far, or {@code null} when {@link #load()} has not succeeded yet. */
  public static LoadedLibrary loadedOrNull() {
    return loaded;
  }
}
