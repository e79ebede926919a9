package dev.llmux.cli;

import dev.llmux.nativelib.NativeBuild;
import dev.llmux.nativelib.NativeLibraries;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmux native build}: builds libjllama for this machine and installs it where llmux finds it. */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Builds the llama.cpp native library (java-llama.cpp 4.2.0, llama.cpp b4916) for this machine.",
        "It targets this processor (GGML_NATIVE), with CUDA when nvcc and cuBLAS are installed, and",
        "installs it with a manifest of what it was built for into the per-user folder llmux loads it",
        "from by itself (preferred to the bundled library; passed over with a warning on a processor",
        "that lacks a feature it needs). Sources come from git unless local folders or archives are",
        "given (air-gapped machines). Needs cmake and a C++ compiler; takes minutes.",
        "Exit status 3 when a tool is missing, 2 for a bad source, 1 when the build fails."})
final class NativeBuildCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--binding-src", paramLabel = "PATH",
      description = "java-llama.cpp v4.2.0 sources: a folder or a .tar.gz/.tgz archive (default: git clone).")
  Path bindingSource;

  @Option(names = "--llama-src", paramLabel = "PATH",
      description = "llama.cpp b4916 sources: a folder or a .tar.gz/.tgz archive (default: git clone).")
  Path llamaSource;

  @Option(names = "--gpu", paramLabel = "auto|cuda|none", defaultValue = "auto",
      description = "CUDA backend: auto (when nvcc is found), cuda, or none (default: ${DEFAULT-VALUE}).")
  String gpu;

  @Option(names = "--cuda-arch", paramLabel = "LIST",
      description = "CUDA architectures, e.g. 86;89 (default: native when a GPU is visible, else "
          + NativeBuild.DEFAULT_CUDA_ARCHITECTURES + ").")
  String cudaArchitectures;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel compile jobs (default: the processors available).")
  Integer jobs;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where sources are unpacked and built; kept, so a rebuild is incremental (default: ~/.cache/llmux/native-build).")
  Path workDir;

  @Option(names = "--install-dir", paramLabel = "DIR",
      description = "Where the library and its manifest go (default: the folder llmux looks in, see 'llmux doctor').")
  Path installDir;

  @Option(names = "--configure-only", description = "Run CMake's configure step only (checks the tool chain, CUDA included).")
  boolean configureOnly;

  @Override
  public Integer call() {
    NativeBuild.Gpu g;
    try {
      g = NativeBuild.Gpu.valueOf(gpu.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("unknown --gpu '" + gpu + "': use auto, cuda or none");
    }
    for (Path p : new Path[] {bindingSource, llamaSource}) {
      if (p != null && !Files.exists(p)) {
        throw new UsageException("the source " + p + " does not exist: give a folder or a .tar.gz archive of the sources");
      }
    }
    if (jobs != null && jobs < 1) {
      throw new UsageException("--jobs is " + jobs + "; use at least 1");
    }
    Path work = workDir != null ? workDir
        : Path.of(System.getProperty("user.home"), ".cache", "llmux", "native-build");
    Path install = installDir != null ? installDir : NativeLibraries.hostBuildDir();
    PrintWriter err = spec.commandLine().getErr();
    NativeBuild.Result r = new NativeBuild(new NativeBuild.Options(bindingSource, llamaSource, g, cudaArchitectures,
        jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), work.toAbsolutePath(), install.toAbsolutePath(),
        configureOnly), line -> {
          err.println("llmux: " + line);
          err.flush();
        }).run();
    PrintWriter out = spec.commandLine().getOut();
    if (r.library() == null) {
      out.printf("configured (%s) in %d s; log: %s%n", r.cuda() ? "CUDA" : "CPU only", r.seconds(), r.log());
    } else {
      out.printf("library:   %s%n", r.library());
      out.printf("built for: %s%n", r.manifest().summary());
      out.printf("took:      %d s; installed %.1f MiB%n", r.seconds(), r.installedBytes() / (1024.0 * 1024.0));
      if (installDir != null && !install.toAbsolutePath().normalize().equals(NativeLibraries.hostBuildDir().toAbsolutePath().normalize())) {
        out.printf("use it:    -D%s=%s or -D%s=%s%n", NativeLibraries.HOST_DIR_PROPERTY, install, NativeLibraries.PATH_PROPERTY,
            r.library());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
