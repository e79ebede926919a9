package dev.llmux.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.nativelib.LoadedLibrary;
import dev.llmux.nativelib.MachineProbe;
import dev.llmux.nativelib.MachineReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmux doctor}: what this machine offers and which native library llmux loads. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Shows what this machine offers for inference and which native library llmux loads.",
        "Lists CPU features, cores, memory and NVIDIA GPUs, loads the llama.cpp native library, and says",
        "which one it is, why it was chosen (a host build from 'llmux native build' is preferred to the",
        "bundled one when it fits this processor) and whether it can offload to a GPU.",
        "Exit status 3 when the native library cannot be loaded."})
final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    MachineReport r = new MachineProbe().probe(true);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode node = m.valueToTree(r);
      if (r.library() != null) {
        // A plain file path, as the text report prints it (Jackson writes a Path as a file: URI).
        ((ObjectNode) node.get("library")).put("path", r.library().path().toString());
      }
      node.put("gpuOffloadAvailable", r.gpuOffloadAvailable());
      out.println(m.writeValueAsString(node));
    } else {
      out.printf("os:        %s%n", r.os());
      out.printf("cpu:       %s%n", r.cpuModel());
      out.printf("features:  %s%n", r.cpuFeatures().isEmpty() ? "(unknown)" : String.join(" ", r.cpuFeatures()));
      out.printf("cpus:      %d available to the JVM%n", r.cpus());
      out.printf("memory:    %s total, %s available%n", gib(r.memoryTotalBytes()), gib(r.memoryAvailableBytes()));
      out.printf("gpus:      %s%n", r.nvidiaGpus().isEmpty() ? "no NVIDIA GPU found" : String.join(", ", r.nvidiaGpus()));
      LoadedLibrary lib = r.library();
      if (lib != null) {
        out.printf("native:    %s (%s)%n", lib.path(), describe(lib.source()));
        out.printf("why:       %s%n", lib.reason());
        if (lib.manifest() != null) {
          out.printf("built for: %s%n", lib.manifest().summary());
        }
        out.printf("gpu build: %s%n", lib.gpuOffload() ? "yes (CUDA backend)" : "no (CPU-only build)");
        out.printf("offload:   %s%n", r.gpuOffloadAvailable() ? "available: set gpuLayers in the config" : "not available: models run on the CPU");
      } else {
        out.printf("native:    NOT LOADED: %s%n", r.libraryError());
      }
      for (String note : r.notes()) {
        out.println("note:      " + note);
      }
    }
    out.flush();
    return r.library() != null ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
  }

  private static String describe(LoadedLibrary.Source s) {
    return switch (s) {
      case SYSTEM_PROPERTY -> "from -Dllmux.native.path";
      case ENVIRONMENT -> "from LLMUX_NATIVE_PATH";
      case HOST_BUILD -> "built for this machine by 'llmux native build'";
      case BUNDLED -> "bundled CPU build of de.kherud:llama 4.2.0, llama.cpp b4916";
    };
  }

  private static String gib(long bytes) {
    return bytes < 0 ? "unknown" : String.format("%.1f GiB", bytes / (double) (1L << 30));
  }
}
