package dev.llmux.team.store;

import java.nio.file.Path;
import java.util.Map;

/** Opens the run store a {@code --store} value names. */
public final class RunStores {

  private RunStores() {}

  /**
   * {@code redis://HOST:PORT/DB} (Valkey or Redis), {@code file:DIR} or a folder; empty or
   * {@code null} for the default folder ({@link FileRunStore#defaultRoot}).
   */
  public static RunStore open(String spec, Map<String, String> env) {
    if (spec == null || spec.isBlank()) {
      return new FileRunStore(FileRunStore.defaultRoot(env));
    }
    if (spec.startsWith("redis://")) {
      return RedisRunStore.connect(spec);
    }
    return new FileRunStore(Path.of(spec.startsWith("file:") ? spec.substring(5) : spec));
  }
}
