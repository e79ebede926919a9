package dev.llmux.nativelib;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads what the machine offers (processor, memory, NVIDIA GPUs) from /proc and /sys, without running anything. */
public final class MachineProbe {

  private static final List<String> INTERESTING = List.of(
      "sse3", "ssse3", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni",
      "avx512_bf16", "avx_vnni", "amx_tile", "neon", "asimd", "sve");

  private final Path proc;
  private final Path driverRoot;

  /** A probe of this machine. */
  public MachineProbe() {
    this(Paths.get("/proc"), Paths.get("/proc/driver/nvidia"));
  }

  MachineProbe(Path proc, Path driverRoot) {
    this.proc = proc;
    this.driverRoot = driverRoot;
  }

  /**
   * Probes the machine; when {@code loadLibrary} is set, also loads the native library (a failure
   * is reported, not thrown).
   */
  public MachineReport probe(boolean loadLibrary) {
    String cpuModel = "unknown";
    Set<String> features = new LinkedHashSet<>();
    for (String line : lines(proc.resolve("cpuinfo"))) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (cpuModel.equals("unknown") && (key.equals("model name") || key.equals("Model") || key.equals("cpu model"))) {
        cpuModel = value;
      }
      if (key.equals("flags") || key.equals("Features")) {
        for (String f : value.split("\\s+")) {
          if (INTERESTING.contains(f)) {
            features.add(f);
          }
        }
      }
    }
    long total = -1;
    long available = -1;
    for (String line : lines(proc.resolve("meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        total = kib(line);
      } else if (line.startsWith("MemAvailable:")) {
        available = kib(line);
      }
    }
    List<String> gpus = nvidiaGpus();

    LoadedLibrary library = null;
    String error = null;
    if (loadLibrary) {
      try {
        library = NativeLibraries.load();
      } catch (NativeLibraryException e) {
        error = e.getMessage();
      }
    } else {
      library = NativeLibraries.loadedOrNull();
    }

    List<String> notes = new ArrayList<>();
    if (!gpus.isEmpty() && library != null && !library.gpuOffload()) {
      notes.add("An NVIDIA GPU is present, but the loaded native library (" + library.path()
          + ") is a CPU-only build, so models run on the CPU. The published cuda12 jar of de.kherud:llama 4.2.0"
          + " contains no native library: 'llmux native build' builds one with CUDA when nvcc is installed.");
    }
    if (gpus.isEmpty() && library != null && library.gpuOffload()) {
      notes.add("The loaded native library has a CUDA backend but no NVIDIA GPU was found: models run on the CPU.");
    }
    if (library != null && library.source() == LoadedLibrary.Source.BUNDLED && features.contains("avx512f")) {
      notes.add("This processor has AVX-512, but the bundled library is a generic AVX2 build: a llama.cpp b4916 build"
          + " tuned for this host processes prompts and decodes faster; 'llmux native build' makes one (minutes) and"
          + " llmux then loads it by itself.");
    }
    if (!features.isEmpty() && !features.contains("avx2") && !features.contains("neon") && !features.contains("asimd")) {
      notes.add("This processor lacks AVX2: the bundled x86-64 library needs AVX2 and may fail; build llama.cpp for this processor.");
    }
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    return new MachineReport(os, cpuModel, new ArrayList<>(features), Runtime.getRuntime().availableProcessors(),
        total, available, gpus, library, error, notes);
  }

  private List<String> nvidiaGpus() {
    List<String> gpus = new ArrayList<>();
    Path dir = driverRoot.resolve("gpus");
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path gpu : ds) {
          String model = "NVIDIA GPU " + gpu.getFileName();
          for (String line : lines(gpu.resolve("information"))) {
            if (line.startsWith("Model:")) {
              model = line.substring("Model:".length()).trim();
            }
          }
          gpus.add(model);
        }
      } catch (IOException e) {
        gpus.add("NVIDIA GPU (details unreadable: " + e.getMessage() + ")");
      }
    }
    if (gpus.isEmpty() && Files.exists(Paths.get("/dev/nvidia0"))) {
      gpus.add("NVIDIA GPU (/dev/nvidia0)");
    }
    return gpus;
  }

  private static long kib(String line) {
    String[] parts = line.trim().split("\\s+");
    try {
      long v = Long.parseLong(parts[1]);
      return parts.length > 2 && parts[2].toLowerCase(Locale.ROOT).equals("kb") ? v * 1024 : v;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
