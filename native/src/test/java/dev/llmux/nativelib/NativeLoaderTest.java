package dev.llmux.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NativeLoaderTest {

  @Test
  void load_propertyNamingMissingFile_failsListingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere").resolve("libjllama.so");
    NativeLibraryException e = assertThrows(NativeLibraryException.class,
        () -> new NativeLoader(missing.toString(), null, dir.resolve("cache")).load());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("Tried:"), e.getMessage());
  }

  @Test
  void load_environmentNamingFolderWithoutLibrary_failsNamingTheVariable(@TempDir Path dir) {
    NativeLibraryException e = assertThrows(NativeLibraryException.class,
        () -> new NativeLoader(null, dir.toString(), dir.resolve("cache")).load());
    assertTrue(e.getMessage().contains(NativeLibraries.PATH_ENV), e.getMessage());
  }

  @Test
  void load_fileThatIsNotALibrary_failsWithLoadError(@TempDir Path dir) throws Exception {
    Path fake = dir.resolve("libjllama.so");
    Files.write(fake, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}); // a truncated ELF header
    NativeLibraryException e = assertThrows(NativeLibraryException.class,
        () -> new NativeLoader(fake.toString(), null, dir.resolve("cache")).load());
    assertTrue(e.getMessage().contains("failed to load"), e.getMessage());
  }

  @Test
  void load_cacheFolderThatCannotBeCreated_fallsBackToAPrivateTemporaryFolder(@TempDir Path dir) throws Exception {
    Path fake = dir.resolve("libjllama.so");
    Files.write(fake, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
    Path notAFolder = Files.writeString(dir.resolve("home-not-writable"), "a file where the cache's parent should be");
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    NativeLibraryException e = assertThrows(NativeLibraryException.class,
        () -> new NativeLoader(fake.toString(), null, notAFolder.resolve("cache"), tmp).load());
    assertTrue(e.getMessage().contains("failed to load"), "it got past the cache to loading: " + e.getMessage());
    Path fallback = tmp.resolve("llmux-" + System.getProperty("user.name") + "-native");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fallback)));
    assertTrue(Path.of(System.getProperty("de.kherud.llama.tmpdir")).startsWith(fallback),
        System.getProperty("de.kherud.llama.tmpdir"));
  }

  @Test
  void load_bundled_extractsToPrivateCacheAndPointsBindingThere(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("cache");
    Path canary = Files.createFile(dir.resolve("llama-canary"));
    LoadedLibrary lib = new NativeLoader(null, null, cache).load();
    assertEquals(LoadedLibrary.Source.BUNDLED, lib.source());
    assertTrue(lib.path().startsWith(cache), lib.path().toString());
    assertTrue(Files.isRegularFile(lib.path()));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lib.path().getParent())));
    assertEquals(lib.path().getParent().toString(), System.getProperty("de.kherud.llama.lib.path"));
    assertTrue(Path.of(System.getProperty("de.kherud.llama.tmpdir")).startsWith(cache));
    assertFalse(lib.gpuOffload(), "the bundled library of de.kherud:llama 4.2.0 is a CPU build");
    assertEquals(64, lib.sha256().length());
    assertTrue(Files.exists(canary));
    // A second load reuses the extracted file.
    LoadedLibrary again = new NativeLoader(null, null, cache).load();
    assertEquals(lib.path(), again.path());
  }

  @Test
  void hasGpuBackend_detectsCudaSymbols() {
    assertTrue(NativeLoader.hasGpuBackend("xx ggml_backend_cuda_init yy".getBytes()));
    assertFalse(NativeLoader.hasGpuBackend("ggml_backend_cpu_init".getBytes()));
  }
}
