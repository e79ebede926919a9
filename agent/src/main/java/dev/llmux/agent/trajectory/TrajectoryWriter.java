package dev.llmux.agent.trajectory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.agent.EpisodeResult;
import dev.llmux.agent.StepListener;
import dev.llmux.agent.StepRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends trajectory lines to a JSONL file, each written whole and forced to disk before the
 * next, so a run killed at any moment leaves a file whose complete lines all parse (only the last
 * line may be cut, and {@link TrajectoryReader} drops it). Thread-safe.
 *
 * <p>When the file it opens ends in such a cut line, the writer first ends that line and appends
 * a marker line {@code {"type":"torn-line"}}, so its own lines start on a fresh line and
 * {@link TrajectoryReader} knows to skip the cut one.
 */
public final class TrajectoryWriter implements StepListener, AutoCloseable {

  private final Path path;
  private final FileChannel channel;

  private TrajectoryWriter(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** Opens {@code path} for appending, creating it and its folder. */
  public static TrajectoryWriter open(Path path) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      try {
        TrajectoryWriter w = new TrajectoryWriter(path, ch);
        if (endsInCutLine(path)) {
          w.writeRaw("\n" + TORN_LINE_MARKER + "\n");
        }
        return w;
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      throw new BadTrajectoryFileException("cannot open the trajectory file " + path + ": " + e.getMessage(), e);
    }
  }

  /** The line appended after a cut last line found when the file was opened. */
  static final String TORN_LINE_MARKER = "{\"type\":\"torn-line\",\"note\":\"the line before was cut when a run was stopped\"}";

  private static boolean endsInCutLine(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last, size - 1);
      return last.get(0) != '\n';
    }
  }

  /** The file written. */
  public Path path() {
    return path;
  }

  @Override
  public void onStep(StepRecord step) {
    write(TrajectoryJson.step(step));
  }

  @Override
  public void onEpisode(EpisodeResult result) {
    write(TrajectoryJson.episode(result));
  }

  /** Appends one line and forces it to disk. */
  public synchronized void write(ObjectNode line) {
    String text;
    try {
      text = TrajectoryJson.JSON.writeValueAsString(line) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try {
      writeRaw(text);
    } catch (IOException e) {
      throw new TrajectoryException("cannot write to the trajectory file " + path + ": " + e.getMessage(), e);
    }
  }

  private void writeRaw(String text) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new TrajectoryException("cannot close the trajectory file " + path + ": " + e.getMessage(), e);
    }
  }
}
