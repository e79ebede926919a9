package dev.llmux.nativelib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Processor features in {@code /proc/cpuinfo}'s spelling: the host's, and those a compiler targets. */
final class CpuFeatures {

  /**
   * The x86 instruction-set macros a compiler defines for {@code -march=native} that llama.cpp's
   * code paths depend on, with the {@code /proc/cpuinfo} flag of each.
   */
  static final Map<String, String> MACROS = macros();

  private CpuFeatures() {}

  private static Map<String, String> macros() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("__SSE3__", "pni");
    m.put("__SSSE3__", "ssse3");
    m.put("__SSE4_1__", "sse4_1");
    m.put("__SSE4_2__", "sse4_2");
    m.put("__AVX__", "avx");
    m.put("__AVX2__", "avx2");
    m.put("__FMA__", "fma");
    m.put("__F16C__", "f16c");
    m.put("__BMI2__", "bmi2");
    m.put("__AVXVNNI__", "avx_vnni");
    m.put("__AVX512F__", "avx512f");
    m.put("__AVX512CD__", "avx512cd");
    m.put("__AVX512DQ__", "avx512dq");
    m.put("__AVX512BW__", "avx512bw");
    m.put("__AVX512VL__", "avx512vl");
    m.put("__AVX512VBMI__", "avx512vbmi");
    m.put("__AVX512VNNI__", "avx512_vnni");
    m.put("__AVX512BF16__", "avx512_bf16");
    m.put("__AMX_TILE__", "amx_tile");
    m.put("__AMX_INT8__", "amx_int8");
    m.put("__AMX_BF16__", "amx_bf16");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The features whose macros appear in a compiler's {@code -dM -E} output, in {@link #MACROS}' order. */
  static List<String> fromMacros(List<String> defineLines) {
    Set<String> defined = new LinkedHashSet<>();
    for (String line : defineLines) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 2 && parts[0].equals("#define")) {
        defined.add(parts[1]);
      }
    }
    return MACROS.entrySet().stream().filter(e -> defined.contains(e.getKey())).map(Map.Entry::getValue).toList();
  }

  /** Every flag in the first {@code flags}/{@code Features} line of a cpuinfo file; empty when unreadable. */
  static Set<String> host(Path cpuinfo) {
    try {
      for (String line : Files.readAllLines(cpuinfo)) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String key = line.substring(0, colon).trim();
        if (key.equals("flags") || key.equals("Features")) {
          return new LinkedHashSet<>(List.of(line.substring(colon + 1).trim().split("\\s+")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc unreadable: unknown.
    }
    return Set.of();
  }
}
