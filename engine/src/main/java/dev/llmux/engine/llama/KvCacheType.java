package dev.llmux.engine.llama;

import java.util.Locale;

/** The element type of a model's key/value cache. Smaller types save memory at some quality cost. */
public enum KvCacheType {
  /** 16-bit floats: 2 bytes per element (llama.cpp's default). */
  F16(2.0),
  /** 8-bit blocks: 34 bytes per 32 elements. */
  Q8_0(34.0 / 32),
  /** 4-bit blocks: 18 bytes per 32 elements (needs flash attention for the V cache). */
  Q4_0(18.0 / 32);

  private final double bytesPerElement;

  KvCacheType(double bytesPerElement) {
    this.bytesPerElement = bytesPerElement;
  }

  /** Bytes one cache element takes. */
  public double bytesPerElement() {
    return bytesPerElement;
  }

  /** The config spelling: {@code f16}, {@code q8_0}, {@code q4_0}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the config spelling (case-insensitive); {@code null} when unknown. */
  public static KvCacheType parse(String s) {
    for (KvCacheType t : values()) {
      if (t.configName().equalsIgnoreCase(s)) {
        return t;
      }
    }
    return null;
  }
}
