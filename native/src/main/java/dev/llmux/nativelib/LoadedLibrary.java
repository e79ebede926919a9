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
 * @param manifest what a host build was built for ({@link NativeManifest} beside the file), or
 *     {@code null} when the library has none (the bundled one, a library built elsewhere)
 * @param reason why this library was chosen, and which were passed over and why, for {@code doctor}
 */
public record LoadedLibrary(Path path, Source source, boolean gpuOffload, String sha256, NativeManifest manifest,
    String reason) {

  /** Where the library was found, in lookup order. */
  public enum Source {
    /** The system property {@value NativeLibraries#PATH_PROPERTY}. */
    SYSTEM_PROPERTY,
    /** The environment variable {@value NativeLibraries#PATH_ENV}. */
    ENVIRONMENT,
    /** A library built for this machine by {@code llmux native build}, in {@link NativeLibraries#hostBuildDir()}. */
    HOST_BUILD,
    /** The CPU build bundled in the binding's jar, extracted to the per-user cache. */
    BUNDLED
  }
}
