package dev.llmux.nativelib;

import java.util.List;

/**
 * What this machine offers for inference, as {@code llmux doctor} prints it.
 *
 * @param os operating system and architecture
 * @param cpuModel the processor's model name
 * @param cpuFeatures the SIMD features llama.cpp cares about that this processor has (avx, avx2,
 *     fma, f16c, avx512f, avx512_vnni, neon, ...)
 * @param cpus processors available to this JVM
 * @param memoryTotalBytes physical memory, or -1 when unknown
 * @param memoryAvailableBytes memory available for new allocations, or -1 when unknown
 * @param nvidiaGpus NVIDIA GPUs found (model names), empty when none
 * @param library the native library loaded, or {@code null} when it was not loaded
 * @param libraryError why the library could not be loaded, or {@code null}
 * @param notes advice: mismatches between the machine and the library, with what to do
 */
public record MachineReport(
    String os,
    String cpuModel,
    List<String> cpuFeatures,
    int cpus,
    long memoryTotalBytes,
    long memoryAvailableBytes,
    List<String> nvidiaGpus,
    LoadedLibrary library,
    String libraryError,
    List<String> notes) {

  /** Copies the lists. */
  public MachineReport {
    cpuFeatures = List.copyOf(cpuFeatures);
    nvidiaGpus = List.copyOf(nvidiaGpus);
    notes = List.copyOf(notes);
  }

  /** Whether models can be offloaded to a GPU with the loaded library on this machine. */
  public boolean gpuOffloadAvailable() {
    return library != null && library.gpuOffload() && !nvidiaGpus.isEmpty();
  }
}
