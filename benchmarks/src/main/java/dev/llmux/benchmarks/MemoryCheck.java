package dev.llmux.benchmarks;

import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.gguf.GgmlType;
import dev.llmux.engine.gguf.GgufFile;
import dev.llmux.engine.gguf.MemoryEstimate;
import dev.llmux.engine.gguf.SyntheticModels;
import dev.llmux.engine.gguf.SyntheticPreset;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import dev.llmux.nativelib.LoadedLibrary;
import dev.llmux.nativelib.NativeLibraries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks {@code models inspect}'s memory estimate against the peak resident memory that loading
 * the model really costs: for each synthetic preset and tensor type, a fresh JVM loads the native
 * library and the model, answers one prompt that fills the context (the worst case of the compute
 * buffers), and reports its peak RSS ({@code VmHWM}); a fresh JVM that loads only the native
 * library gives the empty run subtracted from it.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.llmux.benchmarks.MemoryCheck
 * [--dir DIR] [--ctx N] [--presets tiny,qwen2.5-0.5b] [--types q8_0,q4_0] [--libs ,/path/libjllama.so]};
 * it prints a Markdown
 * table with one measured column per library ({@code --libs}: comma-separated, an empty entry for
 * the library llmux finds by itself). Linux only (reads {@code /proc/self/status}). The native library is the one llmux would
 * load ({@code LLMUX_NATIVE_PATH}, a host build, or the bundled one), named in the output.
 */
public final class MemoryCheck {

  private static final double MIB = 1024.0 * 1024.0;

  private MemoryCheck() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("--child")) {
      child(args.length > 1 ? args[1] : null, args.length > 2 ? Integer.parseInt(args[2]) : 4096);
      return;
    }
    Path dir = Path.of("models/synthetic");
    int ctx = 4096;
    List<SyntheticPreset> presets = new ArrayList<>(List.of(SyntheticPreset.values()));
    List<GgmlType> types = new ArrayList<>(List.of(GgmlType.F32, GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0));
    List<String> libs = new ArrayList<>(List.of(""));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[++i]);
        case "--ctx" -> ctx = Integer.parseInt(args[++i]);
        case "--libs" -> libs = List.of(args[++i].split(",", -1));
        case "--presets" -> {
          presets.clear();
          for (String p : args[++i].split(",")) {
            presets.add(SyntheticPreset.byName(p).orElseThrow(() -> new IllegalArgumentException("unknown preset " + p)));
          }
        }
        case "--types" -> {
          types.clear();
          for (String t : args[++i].split(",")) {
            types.add(GgmlType.valueOf(t.toUpperCase(Locale.ROOT)));
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long[] base = new long[libs.size()];
    StringBuilder head = new StringBuilder("| model | type | weights | repacked | kv | compute | estimate MiB |");
    StringBuilder rule = new StringBuilder("|---|---|---:|---:|---:|---:|---:|");
    for (int l = 0; l < libs.size(); l++) {
      String[] empty = runChild(libs.get(l), null, ctx);
      base[l] = Long.parseLong(empty[0]);
      System.out.printf("library %d: %s (%s); empty run peak RSS %.0f MiB%n", l + 1, empty[1], empty[2], base[l] / MIB);
      head.append(" measured MiB (lib ").append(l + 1).append(") | measured / estimate |");
      rule.append("---:|---:|");
    }
    System.out.printf("ctx %d (or the trained context if smaller), parallel 1, kv f16, a prompt that fills the context%n%n", ctx);
    System.out.println(head);
    System.out.println(rule);
    for (SyntheticPreset p : presets) {
      for (GgmlType t : types) {
        Path file = SyntheticModels.ensure(p, t, dir);
        GgufFile g = GgufFile.read(file);
        int c = (int) Math.min(ctx, g.contextLength() > 0 ? g.contextLength() : ctx);
        MemoryEstimate m = g.memoryEstimate(c, 1, "f16");
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f |",
            p.presetName(), t.label(), m.weightsBytes() / MIB, m.repackedBytes() / MIB, m.kvCacheBytes() / MIB,
            m.computeBytes() / MIB, m.totalBytes() / MIB));
        for (int l = 0; l < libs.size(); l++) {
          long measured = Long.parseLong(runChild(libs.get(l), file.toString(), c)[0]) - base[l];
          row.append(String.format(Locale.ROOT, " %.0f | %.3f |", measured / MIB, (double) measured / m.totalBytes()));
        }
        System.out.println(row);
        System.out.flush();
      }
    }
  }

  private static String[] runChild(String lib, String model, int ctx) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-D" + BenchModel.THREADS_PROPERTY + "=" + BenchModel.threads());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MemoryCheck.class.getName());
    cmd.add("--child");
    cmd.add(model == null ? "" : model);
    cmd.add(Integer.toString(ctx));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    if (!lib.isEmpty()) {
      pb.environment().put(NativeLibraries.PATH_ENV, lib);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("the measuring JVM for " + model + " failed: " + out);
    }
    String last = out.lines().reduce((a, b) -> b).orElse("");
    return last.split("\t");
  }

  private static void child(String model, int ctx) throws IOException {
    LoadedLibrary lib = NativeLibraries.load();
    if (model != null && !model.isEmpty()) {
      LlamaBackend b = LlamaBackend.load(LocalModelSpec.builder("m", Path.of(model)).contextSize(ctx)
          .threads(BenchModel.threads()).build());
      // Fill the context but for a few tokens: the last micro-batch then attends over the whole
      // cache, the worst case of the compute buffers.
      String sentence = "The quick brown fox jumps over the lazy dog. ";
      int per = b.countPromptTokens(sentence + sentence) - b.countPromptTokens(sentence);
      String prompt = sentence.repeat(Math.max(1, (ctx - 24) / Math.max(1, per)));
      while (b.countPromptTokens(prompt) >= ctx - 8) {
        prompt = prompt.substring(sentence.length());
      }
      b.chat(ChatRequest.builder().rawPrompt(prompt).maxTokens(4).temperature(0).ignoreEos(true).build(),
          TokenListener.NONE);
    }
    System.out.println(peakRss() + "\t" + lib.path() + "\t" + lib.source());
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  /** This process's peak resident set in bytes ({@code VmHWM}). */
  static long peakRss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmHWM in /proc/self/status");
  }
}
