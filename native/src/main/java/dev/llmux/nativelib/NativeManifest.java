package dev.llmux.nativelib;

import dev.llmux.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a host-built native library was built for, written beside it as {@value #FILE_NAME} by
 * {@link NativeBuild} and read by the loader before it loads the library.
 *
 * @param llamaCppBuild the llama.cpp build tag ({@code b4916})
 * @param bindingVersion the java-llama.cpp version whose JNI glue was built ({@code 4.2.0})
 * @param os the operating system it was built on ({@code Linux})
 * @param arch the architecture ({@code x86_64})
 * @param cpuFeatures the processor features the compiled code uses, as {@code /proc/cpuinfo}
 *     spells them ({@code avx2}, {@code avx512f}, ...): a processor without one of them would stop
 *     the JVM with an illegal instruction, so the loader refuses such a library
 * @param cpuModel the processor it was built on
 * @param gpuBackend {@code cpu} or {@code cuda}
 * @param cudaVersion the CUDA compiler's release, or empty
 * @param cudaArchitectures the CUDA architectures compiled for, or empty
 * @param compiler the C++ compiler's version line
 * @param builtAt when (ISO-8601, UTC)
 * @param buildSeconds how long configuring and building took
 * @param sha256 the library file's SHA-256
 */
public record NativeManifest(
    String llamaCppBuild,
    String bindingVersion,
    String os,
    String arch,
    List<String> cpuFeatures,
    String cpuModel,
    String gpuBackend,
    String cudaVersion,
    String cudaArchitectures,
    String compiler,
    String builtAt,
    long buildSeconds,
    String sha256) {

  /** The manifest's file name, in the library's folder. */
  public static final String FILE_NAME = "libjllama.manifest.properties";

  /** Copies the list. */
  public NativeManifest {
    cpuFeatures = List.copyOf(cpuFeatures);
  }

  /** The required features that {@code hostFeatures} lacks, in the manifest's order. */
  public List<String> missingFeatures(Set<String> hostFeatures) {
    List<String> missing = new ArrayList<>();
    for (String f : cpuFeatures) {
      if (!hostFeatures.contains(f)) {
        missing.add(f);
      }
    }
    return missing;
  }

  /** Whether the library has a CUDA backend. */
  public boolean cuda() {
    return "cuda".equals(gpuBackend);
  }

  /** One line for logs and {@code doctor}: {@code llama.cpp b4916, cpu (avx2 avx512f ...), g++ 12.2.0}. */
  public String summary() {
    return "llama.cpp " + llamaCppBuild + ", " + (cuda() ? "CUDA " + cudaVersion + " (" + cudaArchitectures + ")" : "CPU only")
        + ", features " + String.join(" ", cpuFeatures) + ", built on " + cpuModel + " with " + compiler + " at " + builtAt;
  }

  /** Writes the manifest into {@code dir} (atomically). */
  public void write(Path dir) throws IOException {
    TreeMap<String, String> m = new TreeMap<>();
    m.put("llamaCppBuild", llamaCppBuild);
    m.put("bindingVersion", bindingVersion);
    m.put("os", os);
    m.put("arch", arch);
    m.put("cpuFeatures", String.join(" ", cpuFeatures));
    m.put("cpuModel", cpuModel);
    m.put("gpuBackend", gpuBackend);
    m.put("cudaVersion", cudaVersion);
    m.put("cudaArchitectures", cudaArchitectures);
    m.put("compiler", compiler);
    m.put("builtAt", builtAt);
    m.put("buildSeconds", Long.toString(buildSeconds));
    m.put("sha256", sha256);
    Properties p = new Properties();
    p.putAll(m);
    StringWriter w = new StringWriter();
    p.store(w, "llmux host-built native library: what it was built for (llmux native build)");
    AtomicFiles.write(dir.resolve(FILE_NAME), w.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads the manifest in {@code dir}.
   *
   * @throws IOException when it is missing or unreadable
   * @throws IllegalArgumentException when a required key is missing
   */
  public static NativeManifest read(Path dir) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    String features = required(p, "cpuFeatures");
    return new NativeManifest(required(p, "llamaCppBuild"), p.getProperty("bindingVersion", ""),
        required(p, "os"), required(p, "arch"),
        features.isBlank() ? List.of() : Arrays.asList(features.trim().split("\\s+")),
        p.getProperty("cpuModel", ""), required(p, "gpuBackend"), p.getProperty("cudaVersion", ""),
        p.getProperty("cudaArchitectures", ""), p.getProperty("compiler", ""), p.getProperty("builtAt", ""),
        parseLong(p.getProperty("buildSeconds", "0")), p.getProperty("sha256", ""));
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("the native manifest lacks '" + key + "'");
    }
    return v;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
