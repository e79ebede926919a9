package dev.llmux.nativelib;

import java.nio.file.Path;

/**
 * The llama.cpp JNI library that was loaded into this JVM.
 *
 * @param path the file that was loaded
 * @param source where it was found
 * @param gpuOffload whether the library was built with a GPU backend (CUDA); the bundled library
 *     of de.kherud:llama 4.2.0 is CPU-only
 * @param sha256 the file's SHA-256, for reports
 */
public record LoadedLibrary(Path path, Source source, boolean gpuOffload, String sha256) {

  /** Where the library was found, in lookup order. */
  public enum Source {
    /** The system property {@value NativeLibraries#PATH_PROPERTY}. */
    SYSTEM_PROPERTY,
    /** The environment variable {@value NativeLibraries#PATH_ENV}. */
    ENVIRONMENT,
    /** The CPU build bundled in the binding's jar, extracted to the per-user cache. */
    BUNDLED
  }
}
