package dev.llmux.router.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/** Reads a JSON-lines file one object at a time, naming the file and line of what is wrong. */
public final class JsonLines {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Hears each non-blank line's JSON and its 1-based line number. */
  @FunctionalInterface
  public interface Handler {
    /** One line. */
    void line(JsonNode object, int number);
  }

  private JsonLines() {}

  /**
   * Calls {@code handler} for every non-blank line of {@code file}; a line that is not JSON, a
   * missing or unreadable file become {@code error.apply(message)}.
   */
  public static void read(Path file, Handler handler, Function<String, ? extends RuntimeException> error) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode o;
        try {
          o = JSON.readTree(line);
        } catch (IOException e) {
          throw error.apply(file + " line " + n + " is not JSON: give one JSON object per line");
        }
        handler.line(o, n);
      }
    } catch (NoSuchFileException e) {
      throw error.apply(file + " does not exist");
    } catch (IOException e) {
      throw error.apply("cannot read " + file + ": " + e.getMessage());
    }
  }
}
