package dev.llmux.benchmarks.report;

import dev.llmux.nativelib.LoadedLibrary;
import dev.llmux.nativelib.MachineProbe;
import dev.llmux.nativelib.MachineReport;
import java.util.List;

/**
 * The machine and software a benchmark run measured, as the report prints it.
 *
 * @param cpuModel the processor's model name
 * @param cpus processors available to the JVM
 * @param memoryBytes physical memory, -1 when unknown
 * @param cpuFeatures the SIMD features llama.cpp cares about
 * @param os operating system, version and architecture
 * @param jdk the Java runtime: VM name and version
 * @param library the native library that ran: path and where it was found, or why it failed to load
 * @param librarySha256 the library file's SHA-256, empty when it did not load
 * @param binding the binding and the llama.cpp build it was made from
 * @param notes advice from the machine probe (an AVX-512 processor running the AVX2 build, ...)
 */
public record Machine(
    String cpuModel,
    int cpus,
    long memoryBytes,
    List<String> cpuFeatures,
    String os,
    String jdk,
    String library,
    String librarySha256,
    String binding,
    List<String> notes) {

  /** The binding llmux uses and the llama.cpp build its bundled library was made from. */
  public static final String BINDING = "de.kherud:llama 4.2.0 (llama.cpp b4916)";

  /** Copies the lists. */
  public Machine {
    cpuFeatures = List.copyOf(cpuFeatures);
    notes = List.copyOf(notes);
  }

  /**
   * Probes this machine and loads the native library the same way the benchmarks' forks do (same
   * system properties and environment), so the report names the library that ran.
   */
  public static Machine probe() {
    MachineReport r = new MachineProbe().probe(true);
    LoadedLibrary lib = r.library();
    String library = lib == null ? "not loaded: " + r.libraryError()
        : lib.path() + " (" + lib.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + (lib.gpuOffload() ? ", GPU offload" : ", CPU only") + ")";
    String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    return new Machine(r.cpuModel(), r.cpus(), r.memoryTotalBytes(), r.cpuFeatures(), r.os(), jdk, library,
        lib == null ? "" : lib.sha256(), BINDING, r.notes());
  }
}
