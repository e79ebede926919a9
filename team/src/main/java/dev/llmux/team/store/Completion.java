package dev.llmux.team.store;

import java.util.List;

/**
 * What the store made of a completion.
 *
 * @param result DONE (merged), STALE (the lease was lost to a later claim; nothing changed) or
 *     CONFLICT (a file changed on the merged state since the teammate's copy; nothing changed)
 * @param conflicts the conflicting files, for CONFLICT
 */
public record Completion(Result result, List<String> conflicts) {

  /** The outcomes. */
  public enum Result {
    /** Recorded and merged. */
    DONE,
    /** Refused: a later claim holds the subtask. */
    STALE,
    /** Refused: files changed under the teammate. */
    CONFLICT
  }
}
