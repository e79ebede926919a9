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
      return new TrajectoryWriter(path, ch);
    } catch (IOException e) {
      throw new BadTrajectoryFileException("cannot open the trajectory file " + path + ": " + e.getMessage(), e);
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
    try {
      byte[] bytes = (TrajectoryJson.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new TrajectoryException("cannot write to the trajectory file " + path + ": " + e.getMessage(), e);
    }
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
