/**
 * Teams: a lead plans a task as a DAG of subtasks ({@link dev.llmux.team.Plan},
 * {@link dev.llmux.team.PlanSchema}, {@link dev.llmux.team.PlanCheck}), the plan is approved
 * against criteria ({@link dev.llmux.team.Approval}), and the {@link dev.llmux.team.Scheduler}
 * runs the subtasks on parallel {@link dev.llmux.team.Teammate}s; {@link dev.llmux.team.TeamRunner}
 * ties it together and {@link dev.llmux.team.TeamWorker} joins runs from other processes. Teams are
 * files ({@link dev.llmux.team.Teams}).
 */
package dev.llmux.team;
