package dev.llmux.team;

import java.util.Locale;

/** How a plan is approved. */
public enum ApprovalMode {
  /** Approve when every criterion passes; otherwise send the failed criteria back to the lead. */
  AUTO,
  /** Show the plan and the criteria and wait for approve, or reject with feedback for the lead. */
  ASK,
  /** Check the criteria, store and print the report, and stop before anything runs. */
  CRITERIA;

  /** The mode's name in team files and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code label}. */
  public static ApprovalMode of(String label) {
    for (ApprovalMode m : values()) {
      if (m.label().equals(label)) {
        return m;
      }
    }
    throw new TeamException("unknown approval mode '" + label + "': use auto, ask or criteria");
  }
}
