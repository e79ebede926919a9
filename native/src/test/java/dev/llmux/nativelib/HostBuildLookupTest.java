package dev.llmux.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's checks of a host build's manifest against the processor, with a cpuinfo file and a
 * library file written here (nothing is loaded into this JVM: every case ends before or at a failed
 * load).
 */
final class HostBuildLookupTest {

  @TempDir Path dir;

  private Path cpuinfo(String flags) throws Exception {
    return Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: " + flags + "\n");
  }

  private Path hostBuild(String build, String features) throws Exception {
    Path host = Files.createDirectories(dir.resolve("host"));
    Files.write(host.resolve(NativeLoader.LIBRARY_FILE), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
    new NativeManifest(build, "4.2.0", NativeBuild.osName(), NativeBuild.osArch(),
        features.isEmpty() ? List.of() : List.of(features.split(" ")), "Build CPU", "cpu", "", "", "g++ 12",
        "2026-12-05T00:00:00Z", 117, "ab").write(host);
    return host;
  }

  private NativeLoader loader(Path host, Path cpuinfo) {
    return new NativeLoader(null, null, dir.resolve("cache"), host, cpuinfo);
  }

  @Test
  void loadHostBuild_featureTheCpuLacks_isPassedOverNamingIt() throws Exception {
    Path host = hostBuild("b4916", "avx2 avx512f avx512_vnni");
    NativeLoader l = loader(host, cpuinfo("fpu sse avx avx2 fma"));
    assertNull(l.loadHostBuild());
    String why = String.join("\n", l.passedOver());
    assertTrue(why.contains("avx512f avx512_vnni") && why.contains("illegal instruction"), why);
  }

  @Test
  void loadHostBuild_otherLlamaCppBuild_isPassedOver() throws Exception {
    Path host = hostBuild("b5000", "avx2");
    NativeLoader l = loader(host, cpuinfo("avx avx2"));
    assertNull(l.loadHostBuild());
    assertTrue(String.join("\n", l.passedOver()).contains("llama.cpp b5000"), l.passedOver().toString());
  }

  @Test
  void loadHostBuild_withoutManifest_isPassedOver() throws Exception {
    Path host = hostBuild("b4916", "avx2");
    Files.delete(host.resolve(NativeManifest.FILE_NAME));
    NativeLoader l = loader(host, cpuinfo("avx avx2"));
    assertNull(l.loadHostBuild());
    assertTrue(String.join("\n", l.passedOver()).contains("manifest"), l.passedOver().toString());
  }

  @Test
  void loadHostBuild_fittingButUnloadable_isPassedOverWithTheLoadError() throws Exception {
    Path host = hostBuild("b4916", "avx2");
    NativeLoader l = loader(host, cpuinfo("avx avx2"));
    assertNull(l.loadHostBuild());
    assertTrue(String.join("\n", l.passedOver()).contains("failed to load"), l.passedOver().toString());
  }

  @Test
  void loadHostBuild_noLibraryInTheFolder_isSilent() throws Exception {
    NativeLoader l = loader(dir.resolve("empty"), cpuinfo("avx avx2"));
    assertNull(l.loadHostBuild());
    assertTrue(l.passedOver().isEmpty());
  }

  @Test
  void load_explicitPathWhoseManifestNeedsAMissingFeature_isRefusedBeforeLoading() throws Exception {
    Path host = hostBuild("b4916", "avx2 amx_tile");
    NativeLoader l = new NativeLoader(host.resolve(NativeLoader.LIBRARY_FILE).toString(), null, dir.resolve("cache"),
        null, cpuinfo("avx avx2"));
    NativeLibraryException e = assertThrows(NativeLibraryException.class, l::load);
    assertTrue(e.getMessage().contains("refusing") && e.getMessage().contains("amx_tile"), e.getMessage());
    assertFalse(e.getMessage().contains("failed to load"), "it must not have tried to load it: " + e.getMessage());
  }

  @Test
  void manifest_writtenAndRead_isTheSame() throws Exception {
    NativeManifest m = new NativeManifest("b4916", "4.2.0", "Linux", "x86_64", List.of("avx2", "avx512f"), "AMD EPYC",
        "cuda", "13.0", "75;80", "c++ 12.2.0", "2026-12-05T22:00:00Z", 117, "00ff");
    m.write(dir);
    assertEquals(m, NativeManifest.read(dir));
    assertTrue(m.cuda());
    assertEquals(List.of("avx512f"), m.missingFeatures(Set.of("avx2")));
  }

  @Test
  void fromMacros_mapsCompilerMacrosToCpuinfoFlags() {
    List<String> f = CpuFeatures.fromMacros(List.of("#define __AVX2__ 1", "#define __AVX512F__ 1", "#define __SSE3__ 1",
        "#define __x86_64__ 1", "#define __AVX512VNNI__ 1"));
    assertEquals(List.of("pni", "avx2", "avx512f", "avx512_vnni"), f);
  }

  @Test
  void hostCpuFeatures_readsTheFlagsLine() throws Exception {
    assertEquals(Set.of("avx", "avx2", "fma"), CpuFeatures.host(cpuinfo("avx avx2 fma")));
    assertTrue(CpuFeatures.host(dir.resolve("absent")).isEmpty());
  }
}
