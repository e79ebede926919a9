package dev.llmux.agent.trajectory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a trajectory file up to its last complete line. */
public final class TrajectoryReader {

  private static final Logger LOG = LoggerFactory.getLogger(TrajectoryReader.class);

  /**
   * What a file held.
   *
   * @param lines every complete line, parsed, in order
   * @param droppedTail whether an incomplete last line (a run killed while writing) was dropped
   */
  public record Contents(List<JsonNode> lines, boolean droppedTail) {

    /** Copies the list. */
    public Contents {
      lines = List.copyOf(lines);
    }

    /** The step lines. */
    public List<JsonNode> steps() {
      return lines.stream().filter(n -> "step".equals(n.path("type").asText())).toList();
    }

    /** The episode lines. */
    public List<JsonNode> episodes() {
      return lines.stream().filter(n -> "episode".equals(n.path("type").asText())).toList();
    }
  }

  private static final String TORN_LINE = "torn-line";

  private TrajectoryReader() {}

  private static boolean nextLineIsTornMarker(String text, int pos) {
    int nl = text.indexOf('\n', pos);
    String next = nl < 0 ? text.substring(pos) : text.substring(pos, nl);
    try {
      return TORN_LINE.equals(TrajectoryJson.JSON.readTree(next).path("type").asText());
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * Reads every complete line. A last line without its newline, or that does not parse, is
   * dropped with a warning, and so is a line that does not parse followed by the writer's
   * {@code torn-line} marker (a run stopped while writing it, then a later run appended); any
   * other bad line before the last is an error naming its number. Marker lines are not returned.
   */
  public static Contents read(Path path) {
    String text;
    try {
      text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadTrajectoryFileException("cannot read the trajectory file " + path + ": " + e.getMessage(), e);
    }
    List<JsonNode> out = new ArrayList<>();
    boolean dropped = false;
    int lineNo = 0;
    int pos = 0;
    while (pos < text.length()) {
      int nl = text.indexOf('\n', pos);
      lineNo++;
      if (nl < 0) {
        dropped = !text.substring(pos).isBlank();
        break;
      }
      String line = text.substring(pos, nl);
      pos = nl + 1;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = TrajectoryJson.JSON.readTree(line);
        if (!TORN_LINE.equals(node.path("type").asText())) {
          out.add(node);
        }
      } catch (StreamConstraintsException e) {
        // A line past the parser's limits is no torn write, wherever it is.
        throw new BadTrajectoryFileException(path + " line " + lineNo + " is beyond what llmux reads ("
            + e.getOriginalMessage() + "); it is not a line llmux wrote: check or replace the file", e);
      } catch (JsonProcessingException e) {
        if (pos >= text.length()) {
          dropped = true;
          break;
        }
        if (nextLineIsTornMarker(text, pos)) {
          LOG.warn("{}: line {} was cut when a run was stopped and is skipped", path, lineNo);
          continue;
        }
        throw new BadTrajectoryFileException(path + " line " + lineNo + " is not valid JSON: " + e.getOriginalMessage()
            + "; the file is damaged before its end", e);
      }
    }
    if (dropped) {
      LOG.warn("{}: the last line is incomplete (the run was stopped while writing it) and was skipped", path);
    }
    return new Contents(out, dropped);
  }
}
