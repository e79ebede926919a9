package dev.llmux.nativelib;

import dev.llmux.LlmuxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds {@code libjllama} for this machine from java-llama.cpp {@value #BINDING_TAG} and llama.cpp
 * {@value #LLAMA_CPP_TAG}: for the host processor ({@code GGML_NATIVE=ON}), with CUDA when
 * {@code nvcc} is found (or asked for), and installs it with a {@link NativeManifest} into the
 * per-user folder {@link NativeLibraries#hostBuildDir()}, where the loader prefers it to the
 * bundled library.
 *
 * <p>Sources come from git ({@value #BINDING_GIT}, {@value #LLAMA_CPP_GIT}, shallow clones of the
 * two tags) unless a local folder or {@code .tar.gz}/{@code .tgz}/{@code .tar} archive is given for
 * each (an air-gapped machine). The binding's CMake project fetches llama.cpp and nlohmann/json with
 * FetchContent; this build points both at local trees and disconnects FetchContent, taking the JSON
 * header from llama.cpp's own copy ({@code common/json.hpp}, nlohmann/json 3.11.3, the version the
 * binding pins). It needs {@code cmake} and a C++ compiler; {@code ninja} when present; {@code git}
 * only for sources from git; {@code tar} only for archives.
 */
public final class NativeBuild {

  /** The llama.cpp tag the binding 4.2.0 is built against. */
  public static final String LLAMA_CPP_TAG = "b4916";
  /** The java-llama.cpp tag whose JNI glue matches the de.kherud:llama jar llmux uses. */
  public static final String BINDING_TAG = "v4.2.0";
  /** Where llama.cpp is cloned from when no local source is given. */
  public static final String LLAMA_CPP_GIT = "https://github.com/ggml-org/llama.cpp.git";
  /** Where java-llama.cpp is cloned from when no local source is given. */
  public static final String BINDING_GIT = "https://github.com/kherud/java-llama.cpp.git";
  /** CUDA architectures compiled for when CUDA is on and no GPU is visible to pick {@code native}. */
  public static final String DEFAULT_CUDA_ARCHITECTURES = "75;80;86;89;90";

  /** Whether to build with CUDA. */
  public enum Gpu {
    /** CUDA when {@code nvcc} is found on the PATH or in {@code /usr/local/cuda/bin}. */
    AUTO,
    /** CUDA; fails when {@code nvcc} is missing. */
    CUDA,
    /** CPU only. */
    NONE
  }

  /**
   * What to build and where.
   *
   * @param bindingSource a java-llama.cpp 4.2.0 folder or archive, or {@code null} to clone it
   * @param llamaCppSource a llama.cpp b4916 folder or archive, or {@code null} to clone it
   * @param gpu CUDA or not
   * @param cudaArchitectures CUDA architectures ({@code 86;89}), or {@code null}: {@code native}
   *     when a GPU is visible, else {@value #DEFAULT_CUDA_ARCHITECTURES}
   * @param jobs parallel compile jobs
   * @param workDir where sources are unpacked and built (kept, so a second build is incremental)
   * @param installDir where the library and its manifest go
   * @param configureOnly stop after CMake's configure step (checks the tool chain, CUDA included)
   */
  public record Options(Path bindingSource, Path llamaCppSource, Gpu gpu, String cudaArchitectures, int jobs,
      Path workDir, Path installDir, boolean configureOnly) {

    /** Checks the values. */
    public Options {
      Objects.requireNonNull(gpu, "gpu");
      Objects.requireNonNull(workDir, "workDir");
      Objects.requireNonNull(installDir, "installDir");
      if (jobs < 1) {
        throw new IllegalArgumentException("jobs is " + jobs + "; use at least 1");
      }
    }
  }

  /**
   * What a build produced.
   *
   * @param library the installed library, or {@code null} after a configure-only run
   * @param manifest its manifest, or {@code null} after a configure-only run
   * @param seconds configuring and building, wall-clock
   * @param installedBytes the bytes installed (library and manifest)
   * @param log the build's full log
   * @param cuda whether CUDA was configured
   */
  public record Result(Path library, NativeManifest manifest, long seconds, long installedBytes, Path log,
      boolean cuda) {}

  /** Why a build failed; the message names the step, the log and what to do. */
  public static class BuildException extends LlmuxException {
    private static final long serialVersionUID = 1L;

    /** A build failure with its cause (may be null). */
    public BuildException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A tool the build needs (cmake, a C++ compiler, git, tar, nvcc) is missing. */
  public static final class ToolMissingException extends BuildException {
    private static final long serialVersionUID = 1L;

    /** A missing tool, named in the message with what to install. */
    public ToolMissingException(String message) {
      super(message, null);
    }
  }

  /** A given source folder or archive is not the sources asked for. */
  public static final class BadSourceException extends BuildException {
    private static final long serialVersionUID = 1L;

    /** A source that is not what was asked for, named in the message. */
    public BadSourceException(String message) {
      super(message, null);
    }
  }

  private final Options options;
  private final Consumer<String> progress;
  private Path log;

  /** A build with these options, reporting each step to {@code progress}. */
  public NativeBuild(Options options, Consumer<String> progress) {
    this.options = options;
    this.progress = progress;
  }

  /**
   * Runs the build.
   *
   * @throws BuildException when a tool is missing, a source cannot be read, or a step fails
   */
  public Result run() {
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(options.workDir());
      log = options.workDir().resolve("build.log");
      Files.writeString(log, "");
      Path cmake = tool("cmake", "install CMake 3.14 or newer (apt-get install cmake)");
      Path ninja = findOnPath("ninja");
      String cxx = compiler();
      Path nvcc = nvcc();
      String cublas = nvcc == null ? null : cublasHeader(nvcc);
      boolean cuda = switch (options.gpu()) {
        case NONE -> false;
        case CUDA -> {
          if (nvcc == null) {
            throw new ToolMissingException("--gpu cuda was asked for, but nvcc is not on the PATH nor in /usr/local/cuda/bin;"
                + " install the CUDA toolkit or build with --gpu none");
          }
          if (cublas == null) {
            throw new ToolMissingException("--gpu cuda was asked for, but the CUDA toolkit of " + nvcc + " has no cuBLAS"
                + " (cublas_v2.h), which llama.cpp's CUDA backend links; install it (the CUDA toolkit's libcublas"
                + " development package) or build with --gpu none");
          }
          yield true;
        }
        case AUTO -> {
          if (nvcc != null && cublas == null) {
            progress.accept("nvcc found (" + nvcc + ") but its CUDA toolkit has no cuBLAS (cublas_v2.h), which llama.cpp's"
                + " CUDA backend needs: building for the CPU only (install cuBLAS, then build again for CUDA)");
          }
          yield nvcc != null && cublas != null;
        }
      };
      // The binding's folder is copied (its CMake project writes the library into its own tree);
      // a llama.cpp folder is built in place.
      Path binding = source("java-llama.cpp", options.bindingSource(), BINDING_GIT, BINDING_TAG,
          options.workDir().resolve("java-llama.cpp"), true, "CMakeLists.txt", "src/main/cpp/jllama.cpp");
      Path llama = source("llama.cpp", options.llamaCppSource(), LLAMA_CPP_GIT, LLAMA_CPP_TAG,
          options.workDir().resolve("llama.cpp"), false, "CMakeLists.txt", "common/json.hpp");
      Path json = jsonShim(llama);
      Path build = options.workDir().resolve(cuda ? "build-cuda" : "build-cpu");
      List<String> configure = new ArrayList<>(List.of(cmake.toString(), "-S", binding.toString(), "-B", build.toString()));
      if (ninja != null) {
        configure.addAll(List.of("-G", "Ninja"));
      }
      configure.addAll(List.of("-DCMAKE_BUILD_TYPE=Release", "-DOS_NAME=" + osName(), "-DOS_ARCH=" + osArch(),
          "-DFETCHCONTENT_FULLY_DISCONNECTED=ON", "-DFETCHCONTENT_SOURCE_DIR_LLAMA.CPP=" + llama,
          "-DFETCHCONTENT_SOURCE_DIR_JSON=" + json, "-DGGML_NATIVE=ON", "-DLLAMA_CURL=OFF",
          "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_SERVER=OFF",
          "-DCMAKE_CXX_COMPILER=" + cxx));
      String cudaArchs = "";
      String cudaVersion = "";
      if (cuda) {
        cudaArchs = options.cudaArchitectures() != null ? options.cudaArchitectures()
            : new MachineProbe().probe(false).nvidiaGpus().isEmpty() ? DEFAULT_CUDA_ARCHITECTURES : "native";
        cudaVersion = cudaVersion(nvcc);
        configure.addAll(List.of("-DGGML_CUDA=ON", "-DCMAKE_CUDA_COMPILER=" + nvcc, "-DCMAKE_CUDA_ARCHITECTURES=" + cudaArchs));
        progress.accept("CUDA " + cudaVersion + " found (" + nvcc + "): building the CUDA backend for architectures " + cudaArchs);
      } else {
        configure.add("-DGGML_CUDA=OFF");
      }
      progress.accept("configuring (log: " + log + ")");
      exec(configure, options.workDir(), "CMake's configure step");
      if (options.configureOnly()) {
        return new Result(null, null, seconds(t0), 0, log, cuda);
      }
      progress.accept("building libjllama with " + options.jobs() + " jobs (minutes; log: " + log + ")");
      exec(List.of(cmake.toString(), "--build", build.toString(), "--target", "jllama", "-j",
          Integer.toString(options.jobs())), options.workDir(), "the build");
      Path built = findLibrary(binding);
      List<String> features = compilerFeatures(cxx);
      long took = seconds(t0);
      return install(built, features, cxx, cuda, cudaVersion, cudaArchs, took);
    } catch (IOException e) {
      throw new BuildException("the native build failed: " + e.getMessage(), e);
    }
  }

  private Result install(Path built, List<String> features, String cxx, boolean cuda, String cudaVersion,
      String cudaArchs, long took) throws IOException {
    Path dir = options.installDir();
    Files.createDirectories(dir);
    Path target = dir.resolve(NativeLoader.LIBRARY_FILE);
    Path tmp = Files.createTempFile(dir, "libjllama-", ".tmp");
    Files.copy(built, tmp, StandardCopyOption.REPLACE_EXISTING);
    byte[] bytes = Files.readAllBytes(tmp);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    NativeManifest m = new NativeManifest(LLAMA_CPP_TAG, BINDING_TAG.substring(1), osName(), osArch(), features,
        new MachineProbe().probe(false).cpuModel(), cuda ? "cuda" : "cpu", cudaVersion, cudaArchs,
        firstLine(List.of(cxx, "--version")), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), took,
        NativeLoader.sha256(bytes));
    m.write(dir);
    long size = Files.size(target) + Files.size(dir.resolve(NativeManifest.FILE_NAME));
    progress.accept("installed " + target + " (" + size / 1024 + " KiB) in " + took + " s: " + m.summary());
    return new Result(target, m, took, size, log, cuda);
  }

  /** The features the compiler enables for {@code -march=native} (the flag GGML_NATIVE gives GCC and Clang on x86). */
  private List<String> compilerFeatures(String cxx) throws IOException {
    if (!osArch().equals("x86_64")) {
      return List.of();
    }
    Path empty = options.workDir().resolve("empty.cpp");
    Files.writeString(empty, "");
    return CpuFeatures.fromMacros(output(List.of(cxx, "-march=native", "-dM", "-E", empty.toString())));
  }

  private Path source(String what, Path given, String git, String tag, Path into, boolean copyFolder, String... expect)
      throws IOException {
    Path dir;
    if (given == null) {
      Path gitTool = tool("git", "install git, or pass a local " + what + " folder or archive (air-gapped machines)");
      if (!Files.isRegularFile(into.resolve(expect[0]))) {
        deleteTree(into);
        progress.accept("cloning " + what + " " + tag + " from " + git);
        exec(List.of(gitTool.toString(), "clone", "--depth", "1", "--branch", tag, git, into.toString()),
            options.workDir(), "git clone of " + what + " (offline? pass a local folder or archive instead)");
      }
      dir = into;
    } else if (Files.isDirectory(given) && !copyFolder) {
      dir = given.toAbsolutePath().normalize();
    } else if (Files.isDirectory(given)) {
      progress.accept("copying " + what + " from " + given);
      deleteTree(into);
      copyTree(given, into);
      dir = into;
    } else if (Files.isRegularFile(given) && isArchive(given)) {
      Path tar = tool("tar", "install tar, or pass an unpacked folder");
      progress.accept("unpacking " + what + " from " + given);
      deleteTree(into);
      Files.createDirectories(into);
      exec(List.of(tar.toString(), "-xf", given.toAbsolutePath().toString(), "-C", into.toString()), options.workDir(),
          "unpacking " + given);
      dir = into;
    } else {
      throw new BadSourceException("the " + what + " source " + given + " is neither a folder nor a .tar.gz/.tgz/.tar"
          + " archive; pass the " + what + " " + tag + " sources");
    }
    dir = singleTopFolder(dir, expect[0]);
    for (String e : expect) {
      if (!Files.isRegularFile(dir.resolve(e))) {
        throw new BadSourceException("the " + what + " source " + (given != null ? given : git) + " has no " + e
            + ": is it " + what + " " + tag + "?");
      }
    }
    return dir;
  }

  /** A folder unpacked from a GitHub archive holds one top folder: use it. */
  private static Path singleTopFolder(Path dir, String marker) throws IOException {
    if (Files.isRegularFile(dir.resolve(marker))) {
      return dir;
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> entries = s.toList();
      if (entries.size() == 1 && Files.isDirectory(entries.get(0))) {
        return entries.get(0);
      }
    }
    return dir;
  }

  private static boolean isArchive(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar") || n.endsWith(".tar.xz");
  }

  /** A CMake project declaring nlohmann/json's target on llama.cpp's copy of the header. */
  private Path jsonShim(Path llama) throws IOException {
    Path dir = options.workDir().resolve("nlohmann-json");
    Path include = dir.resolve("include").resolve("nlohmann");
    Files.createDirectories(include);
    Files.copy(llama.resolve("common/json.hpp"), include.resolve("json.hpp"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.COPY_ATTRIBUTES);
    Files.writeString(dir.resolve("CMakeLists.txt"), """
        cmake_minimum_required(VERSION 3.14)
        project(nlohmann_json_from_llama_cpp NONE)
        add_library(nlohmann_json INTERFACE)
        target_include_directories(nlohmann_json INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/include)
        """);
    return dir;
  }

  private static Path findLibrary(Path binding) throws IOException {
    try (Stream<Path> s = Files.walk(binding.resolve("src/main"))) {
      return s.filter(p -> p.getFileName().toString().equals(NativeLoader.LIBRARY_FILE)).findFirst()
          .orElseThrow(() -> new BuildException("the build ended without producing " + NativeLoader.LIBRARY_FILE
              + " under " + binding.resolve("src/main"), null));
    }
  }

  private String compiler() {
    String env = System.getenv("CXX");
    if (env != null && !env.isBlank()) {
      return env;
    }
    for (String c : List.of("c++", "g++", "clang++")) {
      Path p = findOnPath(c);
      if (p != null) {
        return p.toString();
      }
    }
    throw new ToolMissingException("no C++ compiler found (c++, g++, clang++ or $CXX): install one (apt-get install g++)");
  }

  private static Path nvcc() {
    Path p = findOnPath("nvcc");
    if (p != null) {
      return p;
    }
    Path standard = Path.of("/usr/local/cuda/bin/nvcc");
    return Files.isExecutable(standard) ? standard : null;
  }

  /**
   * cuBLAS's header in the CUDA toolkit of {@code nvcc}, or {@code null}: looked for under
   * {@code $CUDA_HOME}, {@code $CUDA_PATH}, {@code /usr/local/cuda}, the folder above nvcc's own
   * (after links), and {@code /usr/include}.
   */
  static String cublasHeader(Path nvcc) {
    List<Path> roots = new ArrayList<>();
    for (String env : List.of("CUDA_HOME", "CUDA_PATH")) {
      String v = System.getenv(env);
      if (v != null && !v.isBlank()) {
        roots.add(Path.of(v));
      }
    }
    roots.add(Path.of("/usr/local/cuda"));
    try {
      Path real = nvcc.toRealPath();
      if (real.getParent() != null && real.getParent().getParent() != null) {
        roots.add(real.getParent().getParent());
      }
    } catch (IOException e) {
      // unresolvable link: the other roots remain
    }
    List<Path> candidates = new ArrayList<>();
    for (Path root : roots) {
      candidates.add(root.resolve("include/cublas_v2.h"));
      Path targets = root.resolve("targets");
      if (Files.isDirectory(targets)) {
        try (Stream<Path> s = Files.list(targets)) {
          s.forEach(t -> candidates.add(t.resolve("include/cublas_v2.h")));
        } catch (IOException e) {
          // unreadable: skipped
        }
      }
    }
    candidates.add(Path.of("/usr/include/cublas_v2.h"));
    return candidates.stream().filter(Files::isRegularFile).map(Path::toString).findFirst().orElse(null);
  }

  private String cudaVersion(Path nvcc) {
    for (String line : outputOrEmpty(List.of(nvcc.toString(), "--version"))) {
      int i = line.indexOf("release ");
      if (i >= 0) {
        return line.substring(i + "release ".length()).split(",")[0].trim();
      }
    }
    return "unknown";
  }

  private static Path tool(String name, String advice) {
    Path p = findOnPath(name);
    if (p == null) {
      throw new ToolMissingException(name + " is not on the PATH: " + advice);
    }
    return p;
  }

  /** The executable {@code name} on the PATH, or {@code null}. */
  static Path findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return p;
      }
    }
    return null;
  }

  private void exec(List<String> command, Path dir, String step) throws IOException {
    Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    int rc;
    try {
      rc = pb.start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException(step + " was interrupted", e);
    }
    if (rc != 0) {
      throw new BuildException(step + " failed (exit " + rc + "): " + lastLines(3) + " (full log: " + log + ")", null);
    }
  }

  private String lastLines(int n) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private List<String> output(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new BuildException(String.join(" ", command) + " failed: " + out.strip(), null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException(String.join(" ", command) + " was interrupted", e);
    }
    return out.lines().toList();
  }

  private List<String> outputOrEmpty(List<String> command) {
    try {
      return output(command);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private String firstLine(List<String> command) {
    return outputOrEmpty(command).stream().findFirst().orElse("unknown");
  }

  private static long seconds(long t0) {
    return (System.nanoTime() - t0) / 1_000_000_000L;
  }

  /** The OS name as the binding's CMake project spells it. */
  static String osName() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return os.contains("linux") ? "Linux" : os.contains("mac") ? "Mac" : os.contains("windows") ? "Windows" : os;
  }

  /** The architecture as the binding's CMake project spells it. */
  static String osArch() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> arch;
    };
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path rel = from.relativize(p);
        if (rel.getNameCount() > 0 && rel.getName(0).toString().equals(".git")) {
          continue;
        }
        Path t = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          // Times kept, so an unchanged source does not rebuild.
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
