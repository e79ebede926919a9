package dev.llmux.team;

/**
 * What works on one subtask in its own workspace copy: today the agent's episode loop
 * ({@link AgentTeammate}) or a [MOCK] scripted teammate; a named workflow of the agent library
 * plugs in as one more implementation. Implementations must be safe to call from several threads
 * at once (one call per running subtask).
 */
@FunctionalInterface
public interface Teammate {

  /** Works on the assignment in {@link Assignment#workspace()} and says how it ended. */
  TeammateOutcome work(Assignment assignment) throws InterruptedException;
}
