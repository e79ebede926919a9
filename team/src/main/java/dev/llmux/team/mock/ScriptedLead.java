package dev.llmux.team.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.json.JsonFields;
import dev.llmux.team.Lead;
import dev.llmux.team.TeamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * [MOCK] A lead that answers scripted plans in turn (the last one again when they run out), for
 * tests and measurements without a model. It records the feedback it was given.
 */
public final class ScriptedLead implements Lead {

  private final List<String> answers;
  private final AtomicInteger next = new AtomicInteger();
  private final List<List<String>> feedbackSeen = new ArrayList<>();

  /** Answers {@code answers} in turn. */
  public ScriptedLead(List<String> answers) {
    if (answers.isEmpty()) {
      throw new TeamException("a scripted lead needs at least one answer");
    }
    this.answers = List.copyOf(answers);
  }

  /** Reads the answers from a file: one plan object, or an array of answers (objects, or strings answered as they are). */
  public static ScriptedLead fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new TeamException("cannot read the [MOCK] lead's plans " + file + ": " + e.getMessage(), e);
    }
    JsonNode root = JsonFields.of("[MOCK] lead plans " + file, TeamException::new).parse(text);
    List<String> answers = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(n -> answers.add(n.isTextual() ? n.asText() : n.toString()));
    } else {
      answers.add(root.toString());
    }
    return new ScriptedLead(answers);
  }

  @Override
  public synchronized String plan(String task, List<String> files, List<String> feedback) {
    feedbackSeen.add(List.copyOf(feedback));
    int i = next.getAndIncrement();
    return answers.get(Math.min(i, answers.size() - 1));
  }

  /** The feedback of each call, in order. */
  public synchronized List<List<String>> feedbackSeen() {
    return List.copyOf(feedbackSeen);
  }
}
