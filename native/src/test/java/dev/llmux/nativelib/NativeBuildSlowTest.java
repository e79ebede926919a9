package dev.llmux.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NativeBuild} from the source archives in {@code ../shared/sources} (the air-gapped path),
 * for real: CMake, the compiler and, where {@code nvcc} is installed, the CUDA configure step. Slow
 * (the full build takes 2-10 minutes on 2 cores): run with {@code -Pslow}; skipped where the
 * archives or cmake are absent.
 */
@Tag("slow")
final class NativeBuildSlowTest {

  private static final Path SOURCES = Path.of(System.getProperty("llmux.test.shared", "../../shared"))
      .resolve("sources").toAbsolutePath().normalize();

  @TempDir Path dir;

  private static Path archive(String name) {
    Path p = SOURCES.resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(p), "no " + p + " (../shared is absent): the native build is not tested");
    Assumptions.assumeTrue(NativeBuild.findOnPath("cmake") != null, "cmake is not installed: the native build is not tested");
    return p;
  }

  private NativeBuild.Result build(NativeBuild.Gpu gpu, boolean configureOnly, List<String> progress) {
    return new NativeBuild(new NativeBuild.Options(archive("java-llama.cpp-v4.2.0-src.tgz"),
        archive("llama.cpp-b4916-src.tgz"), gpu, null, Runtime.getRuntime().availableProcessors(), dir.resolve("work"),
        dir.resolve("install"), configureOnly), progress::add).run();
  }

  @Test
  void run_fromArchives_installsALibraryWithAManifestThisCpuSatisfies() throws Exception {
    List<String> progress = new ArrayList<>();
    NativeBuild.Result r = build(NativeBuild.Gpu.NONE, false, progress);
    assertTrue(Files.isRegularFile(r.library()), r.toString());
    assertEquals(dir.resolve("install").resolve(NativeLoader.LIBRARY_FILE), r.library());
    NativeManifest m = NativeManifest.read(dir.resolve("install"));
    assertEquals(r.manifest(), m);
    assertEquals("b4916", m.llamaCppBuild());
    assertEquals("cpu", m.gpuBackend());
    assertEquals(NativeLoader.sha256(Files.readAllBytes(r.library())), m.sha256());
    if (NativeBuild.osArch().equals("x86_64")) {
      assertTrue(m.cpuFeatures().contains("avx2"), "a host build on an x86-64 machine with AVX2 uses it: " + m);
    }
    assertEquals(List.of(), m.missingFeatures(CpuFeatures.host(Path.of("/proc/cpuinfo"))), "built here, it fits here");
    assertTrue(progress.stream().anyMatch(l -> l.startsWith("unpacking llama.cpp")), progress.toString());
    assertTrue(r.installedBytes() > 1_000_000, "a real library: " + r.installedBytes());
  }

  @Test
  void run_configureOnlyWithAutoGpu_configuresCudaWhenTheToolkitIsComplete() {
    List<String> progress = new ArrayList<>();
    NativeBuild.Result r = build(NativeBuild.Gpu.AUTO, true, progress);
    Path nvcc = NativeBuild.findOnPath("nvcc");
    boolean complete = nvcc != null && NativeBuild.cublasHeader(nvcc) != null;
    assertEquals(complete, r.cuda(), progress.toString());
    if (nvcc != null && !complete) {
      assertTrue(progress.stream().anyMatch(l -> l.contains("no cuBLAS")), progress.toString());
      assertThrows(NativeBuild.ToolMissingException.class, () -> build(NativeBuild.Gpu.CUDA, true, new ArrayList<>()));
    }
    assertFalse(Files.exists(dir.resolve("install").resolve(NativeLoader.LIBRARY_FILE)), "configure only installs nothing");
  }
}
