package dev.llmux.team;

import java.util.List;
import java.util.Objects;

/**
 * One subtask of a lead's plan.
 *
 * @param id the subtask's id, unique within the plan ({@code s1} ... {@code s10} in a model's plan)
 * @param title a short title
 * @param spec what the teammate must do
 * @param files the workspace files the subtask may create or change (relative paths)
 * @param dependencies the ids of the subtasks that must be done before this one starts
 * @param acceptance shell commands, run in the sandbox in the subtask's workspace, that must all
 *     exit 0 for the subtask to count as done
 * @param size the size estimate
 */
public record Subtask(
    String id, String title, String spec, List<String> files, List<String> dependencies, List<String> acceptance, Size size) {

  /** Copies the lists. */
  public Subtask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(size, "size");
    files = List.copyOf(files);
    dependencies = List.copyOf(dependencies);
    acceptance = List.copyOf(acceptance);
  }
}
