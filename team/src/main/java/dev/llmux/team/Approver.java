package dev.llmux.team;

import java.util.List;

/** Decides on a plan in {@link ApprovalMode#ASK} mode (a person at the terminal, or a test). */
@FunctionalInterface
public interface Approver {

  /**
   * A decision.
   *
   * @param approved whether the plan runs
   * @param feedback for the lead when rejected
   */
  record Decision(boolean approved, String feedback) {}

  /** Shows the plan and the checked criteria and returns the decision. */
  Decision decide(Plan plan, List<Criterion> criteria);
}
