package dev.llmux.router.eval;

import dev.llmux.router.policy.Reward;
import java.util.List;

/**
 * The outcome of an {@link Evaluation}: every policy's figures on the same evaluation episodes.
 *
 * @param scenario the scenario's name
 * @param description the scenario's description
 * @param backends the backends, in order
 * @param reward the reward everything was scored with
 * @param trainEpisodes training episodes per learned policy
 * @param evalEpisodes evaluation episodes per policy
 * @param seed the seed of the whole evaluation
 * @param results one per policy: the oracle first, then learned policies, then baselines
 * @param cheapest the always-cheapest baseline PGR is measured from, or empty
 * @param strongest the always-strongest baseline (highest success) PGR is measured to, or empty
 * @param visibility per policy, the same episodes with the difficulty told, estimated from text and
 *     hidden (empty unless asked for with {@link Evaluation.Builder#visibility(boolean)})
 */
public record EvaluationReport(
    String scenario,
    String description,
    List<String> backends,
    Reward reward,
    int trainEpisodes,
    int evalEpisodes,
    long seed,
    List<PolicyResult> results,
    String cheapest,
    String strongest,
    List<VisibilityResult> visibility) {

  /** Copies the lists. */
  public EvaluationReport {
    backends = List.copyOf(backends);
    results = List.copyOf(results);
    visibility = List.copyOf(visibility);
  }

  /** A report without the told / estimated / blind comparison. */
  public EvaluationReport(String scenario, String description, List<String> backends, Reward reward, int trainEpisodes,
      int evalEpisodes, long seed, List<PolicyResult> results, String cheapest, String strongest) {
    this(scenario, description, backends, reward, trainEpisodes, evalEpisodes, seed, results, cheapest, strongest,
        List.of());
  }

  /**
   * The result of the named policy.
   *
   * @throws IllegalArgumentException when no policy of that name ran
   */
  public PolicyResult result(String policy) {
    return results.stream().filter(r -> r.policy().equals(policy)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no policy called " + policy + " ran"));
  }
}
