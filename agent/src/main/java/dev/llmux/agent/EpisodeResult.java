package dev.llmux.agent;

import dev.llmux.agent.task.Language;
import dev.llmux.agent.task.TestReport;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.util.Map;

/**
 * How an episode went.
 *
 * @param runId the episode's id (also in every trajectory line)
 * @param task the task's name
 * @param difficulty the task's difficulty
 * @param language the task's language
 * @param success every pristine test passes at the end
 * @param passFraction passed tests over the task's tests at the end, from 0 to 1
 * @param end why the episode ended
 * @param steps steps taken
 * @param modelCalls model calls made (steps plus re-asks plus retries)
 * @param invalidCalls answers that were not a valid tool call
 * @param wallMillis the episode's duration
 * @param stepsPerBackend how many steps each backend answered (the backend of each step's last call)
 * @param cost money spent, in dollars
 * @param mock whether any step was answered by a scripted mock backend
 * @param finalTests the final run of the pristine tests
 */
public record EpisodeResult(
    String runId,
    String task,
    Difficulty difficulty,
    Language language,
    boolean success,
    double passFraction,
    EpisodeEnd end,
    int steps,
    int modelCalls,
    int invalidCalls,
    long wallMillis,
    Map<String, Integer> stepsPerBackend,
    double cost,
    boolean mock,
    TestReport finalTests) {

  /** Copies the map. */
  public EpisodeResult {
    stepsPerBackend = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepsPerBackend));
  }
}
