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
 *   <li>the CPU library bundled in the de.kherud:llama jar, extracted to a private per-user cache
 *       folder ({@code $XDG_CACHE_HOME/llmux/native} or {@code ~/.cache/llmux/native}, or the
 *       folder named by {@value #CACHE_PROPERTY}); when that folder cannot be created (a home
 *       folder that is not writable), an owner-only {@code llmux-<user>-native} folder in the
 *       temporary folder, with a warning.
 * </ol>
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
        loaded = new NativeLoader(System.getProperty(PATH_PROPERTY), System.getenv(PATH_ENV), NativeLoader.defaultCache())
            .load();
      }
      return loaded;
    }
  }

  /** The library loaded so far, or {@code null} when {@link #load()} has not succeeded yet. */
  public static LoadedLibrary loadedOrNull() {
    return loaded;
  }
}
