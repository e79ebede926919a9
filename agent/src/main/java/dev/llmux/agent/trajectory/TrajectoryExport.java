package dev.llmux.agent.trajectory;

import dev.llmux.AtomicFiles;
import java.io.BufferedWriter;
import java.nio.channels.Channels;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns trajectories into chat-format training examples: one JSONL line
 * {@code {"messages": [...the messages sent..., {"role": "assistant", "content": answer}]}} per
 * model call whose answer was a valid tool call that ran, or a role's valid reply (a review, a
 * plan, tests). By default only calls of successful episodes are kept, and mock-answered calls are
 * left out; a role filter keeps one role's calls ({@code writer}, {@code reviewer}, ...).
 */
public final class TrajectoryExport {

  /**
   * Which calls to keep.
   *
   * @param onlySuccessful keep only calls of episodes whose tests all passed
   * @param includeMock keep calls answered by a scripted mock backend
   * @param role keep only this role's calls, or {@code null} for every role
   */
  public record Filter(boolean onlySuccessful, boolean includeMock, String role) {

    /** Successful episodes, no mock answers. */
    public static final Filter DEFAULT = new Filter(true, false);

    /** Every role's calls. */
    public Filter(boolean onlySuccessful, boolean includeMock) {
      this(onlySuccessful, includeMock, null);
    }
  }

  /** What an export wrote. */
  public record Summary(int examples, int skipped, int files) {}

  private TrajectoryExport() {}

  /** Writes the examples from {@code inputs} to {@code output} (a temp file renamed into place). */
  public static Summary export(List<Path> inputs, Path output, Filter filter) {
    int[] counts = new int[2];
    try {
      AtomicFiles.write(output, channel -> {
        Writer w = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
        for (Path in : inputs) {
          TrajectoryReader.Contents c = TrajectoryReader.read(in);
          Set<String> successful = new HashSet<>();
          for (JsonNode e : c.episodes()) {
            if (e.path("success").asBoolean(false)) {
              successful.add(e.path("runId").asText());
            }
          }
          for (JsonNode s : c.steps()) {
            boolean keep = (s.hasNonNull("call") || s.path("reply").asBoolean(false))
                && (filter.role() == null || filter.role().equals(s.path("role").asText(dev.llmux.agent.StepRecord.PRIMARY)))
                && (!filter.onlySuccessful() || successful.contains(s.path("runId").asText()))
                && (filter.includeMock() || !s.path("mock").asBoolean(false));
            if (!keep) {
              counts[1]++;
              continue;
            }
            w.write(TrajectoryJson.JSON.writeValueAsString(example(s)));
            w.write('\n');
            counts[0]++;
          }
        }
        w.flush();
      });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new TrajectoryException("cannot write " + output + ": " + e.getMessage(), e);
    }
    return new Summary(counts[0], counts[1], inputs.size());
  }

  /** One training example from a step line. */
  static ObjectNode example(JsonNode step) {
    ObjectNode ex = TrajectoryJson.JSON.createObjectNode();
    ArrayNode messages = ex.putArray("messages");
    for (JsonNode m : step.path("messages")) {
      messages.addObject().put("role", m.path("role").asText()).put("content", m.path("content").asText());
    }
    messages.addObject().put("role", "assistant").put("content", step.path("answer").asText());
    return ex;
  }
}
