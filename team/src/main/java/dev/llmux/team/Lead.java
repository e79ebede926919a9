package dev.llmux.team;

import java.util.List;

/** Who plans: answers a task with a plan's JSON text (under {@link PlanSchema}). */
@FunctionalInterface
public interface Lead {

  /**
   * The lead's answer.
   *
   * @param task the task
   * @param files the workspace's files
   * @param feedback what was wrong with the previous plans (validation problems, failed criteria,
   *     a reviewer's words), oldest first; empty for the first plan
   */
  String plan(String task, List<String> files, List<String> feedback);
}
