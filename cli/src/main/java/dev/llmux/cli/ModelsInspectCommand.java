package dev.llmux.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.gguf.GgmlType;
import dev.llmux.engine.gguf.GgufFile;
import dev.llmux.engine.gguf.MemoryEstimate;
import dev.llmux.engine.llama.ChatTemplate;
import dev.llmux.engine.llama.KvCacheType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmux models inspect}: what a GGUF file holds and the memory it needs, read from its header only. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Describes a GGUF model and the memory it needs, from its header.",
        "It shows the shape, vocabulary, chat template, whether llmux made it with",
        "random weights, and the memory needed for a context size, parallel slots and",
        "KV-cache type. The whole file is validated; its weights are not loaded.",
        "Exit status 0, or 2 when the file is missing or not a valid model."})
final class ModelsInspectCommand implements Callable<Integer> {

  private static final double MIB = 1024.0 * 1024.0;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The GGUF file.")
  Path file;

  @Option(names = "--ctx", paramLabel = "TOKENS",
      description = "Context size of the estimate (default: 4096 or the trained context, if smaller).")
  Integer context;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
      description = "Parallel slots of the estimate (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--kv-type", paramLabel = "TYPE", defaultValue = "f16",
      description = "KV-cache type of the estimate: f16, q8_0 or q4_0 (default: ${DEFAULT-VALUE}).")
  String kvType;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    KvCacheType kv = KvCacheType.parse(kvType);
    if (kv == null) {
      throw bad("unknown --kv-type '" + kvType + "': use f16, q8_0 or q4_0");
    }
    if (parallel < 1) {
      throw bad("--parallel is " + parallel + "; it must be at least 1");
    }
    if (context != null && context < 1) {
      throw bad("--ctx is " + context + "; it must be at least 1");
    }
    GgufFile g = GgufFile.read(file);
    int ctx = context != null ? context : (int) (g.contextLength() > 0 ? Math.min(4096, g.contextLength()) : 4096);
    MemoryEstimate m = g.memoryEstimate(ctx, parallel, kv.configName());
    String template = g.chatTemplate();
    String family = ChatTemplate.detect(template).name().toLowerCase(Locale.ROOT);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(g, ctx, kv, m, template != null, family));
    } else {
      text(out, g, ctx, kv, m, template != null, family);
    }
    out.flush();
    return 0;
  }

  private void text(PrintWriter out, GgufFile g, int ctx, KvCacheType kv, MemoryEstimate m, boolean hasTemplate,
      String family) {
    out.printf("file:              %s%n", g.path());
    out.printf("size:              %d bytes (%s)%n", g.fileSize(), size(g.fileSize()));
    out.printf("gguf version:      %d%n", g.version());
    out.printf("architecture:      %s%n", g.architecture());
    out.printf("name:              %s%n", g.name());
    out.printf("parameters:        %s (%d)%n", parameters(g.parameterCount()), g.parameterCount());
    out.printf("file type:         %s%n", g.fileType());
    out.printf("tensor bytes:      %s%n", g.bytesByType().entrySet().stream()
        .map(e -> e.getKey().label() + " " + size(e.getValue())).collect(Collectors.joining(", ")));
    out.printf("trained context:   %s%n", g.contextLength() > 0 ? g.contextLength() + " tokens" : "not given");
    out.printf("embedding length:  %d%n", g.embeddingLength());
    out.printf("layers:            %d%n", g.blockCount());
    out.printf("heads / kv heads:  %d / %d%n", g.headCount(), g.headCountKv());
    out.printf("vocabulary:        %d tokens%n", g.vocabularySize());
    out.printf("chat template:     %s%n", !hasTemplate ? "absent (llmux uses " + family + "; --chat-template chooses)"
        : ChatTemplate.recognize(g.chatTemplate()).isPresent() ? "present (" + family + ")"
        : "present, of no known family (llmux uses " + family + "; --chat-template chooses)");
    out.printf("synthetic:         %s%n", g.synthetic() ? "random weights, real speed, noise text" : "no");
    out.printf("memory estimate:   ctx %d, parallel %d, kv cache %s%s%n", ctx, parallel, kv.configName(),
        g.contextLength() > 0 && ctx > g.contextLength() ? " (beyond the trained context)" : "");
    out.printf("  weights:         %s%n", mib(m.weightsBytes()));
    out.printf("  repacked:        %s%s%n", mib(m.repackedBytes()),
        m.repackedBytes() > 0 ? " (Q4_0 matrices copied by llama.cpp's CPU backend)" : "");
    out.printf("  kv cache:        %s%n", mib(m.kvCacheBytes()));
    out.printf("  compute:         %s%n", mib(m.computeBytes()));
    out.printf("  total:           %s%n", mib(m.totalBytes()));
  }

  private String json(GgufFile g, int ctx, KvCacheType kv, MemoryEstimate m, boolean hasTemplate, String family)
      throws JsonProcessingException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode n = mapper.createObjectNode();
    n.put("path", g.path().toString());
    n.put("sizeBytes", g.fileSize());
    n.put("ggufVersion", g.version());
    n.put("architecture", g.architecture());
    n.put("name", g.name());
    n.put("parameterCount", g.parameterCount());
    n.put("fileType", g.fileType());
    ObjectNode bytes = n.putObject("bytesByType");
    for (Map.Entry<GgmlType, Long> e : g.bytesByType().entrySet()) {
      bytes.put(e.getKey().label(), e.getValue());
    }
    n.put("contextLength", g.contextLength());
    n.put("embeddingLength", g.embeddingLength());
    n.put("blockCount", g.blockCount());
    n.put("headCount", g.headCount());
    n.put("headCountKv", g.headCountKv());
    n.put("vocabularySize", g.vocabularySize());
    ObjectNode template = n.putObject("chatTemplate");
    template.put("present", hasTemplate);
    template.put("family", family);
    n.put("synthetic", g.synthetic());
    ObjectNode memory = n.putObject("memory");
    memory.put("context", ctx);
    memory.put("parallel", parallel);
    memory.put("kvCacheType", kv.configName());
    memory.put("weightsBytes", m.weightsBytes());
    memory.put("repackedBytes", m.repackedBytes());
    memory.put("kvCacheBytes", m.kvCacheBytes());
    memory.put("computeBytes", m.computeBytes());
    memory.put("totalBytes", m.totalBytes());
    return mapper.writeValueAsString(n);
  }

  /** A parameter count as people write it: {@code 494.0 M}, {@code 1.54 B}. */
  static String parameters(long n) {
    if (n < 1_000) {
      return Long.toString(n);
    }
    if (n < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f K", n / 1e3);
    }
    if (n < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f M", n / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f B", n / 1e9);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
  }

  /** A size in the unit that suits it: {@code 1.3 KiB}, {@code 531.2 MiB}, {@code 1.63 GiB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return mib(bytes);
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / MIB / 1024);
  }

  private static UsageException bad(String message) {
    return new UsageException(message);
  }
}
