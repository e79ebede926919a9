package dev.llmux.team.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash that merge conflict detection compares: SHA-1 of the UTF-8 text, in hex (Redis's {@code redis.sha1hex}). */
public final class Hashes {

  private Hashes() {}

  /** The hash of {@code content}; empty for {@code null} (no file). */
  public static String of(String content) {
    if (content == null) {
      return "";
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
