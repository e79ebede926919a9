package dev.llmux.team;

import java.nio.file.Path;

/**
 * One attempt at a subtask, as a teammate gets it.
 *
 * @param run the run's id
 * @param task the run's whole task, for context
 * @param subtask the subtask
 * @param workspace the teammate's own copy of the run's merged workspace
 * @param attempt 1 for the first attempt
 * @param feedback why the previous attempt failed (failed checks, a merge conflict), or empty
 */
public record Assignment(String run, String task, Subtask subtask, Path workspace, int attempt, String feedback) {}
