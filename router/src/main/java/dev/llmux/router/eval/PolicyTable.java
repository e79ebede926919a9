package dev.llmux.router.eval;

import dev.llmux.router.policy.Inspectable;
import dev.llmux.router.policy.Masks;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.StateSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A policy's greedy choice per state, as a table: the seed's "easy -> fast, hard -> strong" view
 * of what a policy learned. Every backend counts as available and in its normal regime.
 */
public final class PolicyTable {

  /** Representative prompt sizes of the small, medium and large buckets. */
  private static final int[] PROMPTS = {1000, 4000, 16000};
  private static final String[] PROMPT_NAMES = {"small", "medium", "large"};

  private PolicyTable() {}

  /**
   * One state and the policy's choice in it.
   *
   * @param difficulty the task's difficulty
   * @param attempt the attempt bucket
   * @param lastOutcome the previous attempt's outcome
   * @param prompt the prompt size bucket
   * @param choice the backend chosen
   * @param value the policy's estimate for that choice, NaN if it keeps none
   * @param experience steps that taught the policy about that choice, -1 if it does not count
   */
  public record Row(
      Difficulty difficulty, int attempt, LastOutcome lastOutcome, String prompt, String choice, double value,
      long experience) {

    /** Whether the choice rests on nothing learned (a counting policy that never saw this state). */
    public boolean untrained() {
      return experience == 0;
    }
  }

  /**
   * The greedy choices. Freezes the policy first, so that it neither explores nor learns.
   *
   * @param policy the policy
   * @param backends its backends, in order
   * @param all every state (attempts 0 to 3, every outcome and prompt size), or only small
   *     prompts with the outcomes an episode can reach
   */
  public static List<Row> greedy(RoutingPolicy policy, List<String> backends, boolean all) {
    policy.freeze();
    StateSpace space = new StateSpace(backends.size());
    int available = Masks.all(backends.size());
    List<Row> rows = new ArrayList<>();
    for (Difficulty d : Difficulty.values()) {
      for (int attempt = 0; attempt <= StateSpace.LAST_ATTEMPT_BUCKET; attempt++) {
        for (LastOutcome o : LastOutcome.values()) {
          if (!all && ((attempt == 0) != (o == LastOutcome.NONE))) {
            continue;
          }
          for (int p = 0; p < (all ? PROMPTS.length : 1); p++) {
            RouteContext context = new RouteContext(d, attempt, o, PROMPTS[p]);
            int state = space.state(StateSpace.request(context), 0);
            RouteDecision decision = policy.choose(context, state, available);
            int action = backends.indexOf(decision.backend());
            rows.add(policy instanceof Inspectable inspectable
                ? new Row(d, attempt, o, PROMPT_NAMES[p], decision.backend(), inspectable.value(state, action),
                    inspectable.experience(state, action))
                : new Row(d, attempt, o, PROMPT_NAMES[p], decision.backend(), Double.NaN, -1));
          }
        }
      }
    }
    return rows;
  }

  /**
   * The first-attempt choice per difficulty, skipping untrained states: "easy -> fast, medium ->
   * balanced, hard -> strong".
   */
  public static String summary(List<Row> rows) {
    Map<Difficulty, String> first = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.attempt() == 0 && r.lastOutcome() == LastOutcome.NONE && r.prompt().equals(PROMPT_NAMES[0]) && !r.untrained()) {
        first.putIfAbsent(r.difficulty(), r.choice());
      }
    }
    List<String> parts = new ArrayList<>();
    first.forEach((d, c) -> parts.add(d.name().toLowerCase(Locale.ROOT) + " -> " + c));
    return String.join(", ", parts);
  }

  /** The rows as a plain-text table. */
  public static String render(List<Row> rows) {
    int width = Math.max(8, rows.stream().mapToInt(r -> r.choice().length()).max().orElse(0) + 2);
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-10s %-8s %-14s %-7s %-" + width + "s %-8s %s%n",
        "difficulty", "attempt", "last outcome", "prompt", "choice", "value", "steps"));
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "%-10s %-8s %-14s %-7s %-" + width + "s %-8s %s%n",
          r.difficulty().name().toLowerCase(Locale.ROOT),
          r.attempt() == StateSpace.LAST_ATTEMPT_BUCKET ? r.attempt() + "+" : Integer.toString(r.attempt()),
          r.lastOutcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          r.prompt(), r.choice(), Double.isNaN(r.value()) ? "-" : String.format(Locale.ROOT, "%.3f", r.value()),
          r.experience() < 0 ? "-" : r.untrained() ? "0 (untrained)" : Long.toString(r.experience())));
    }
    return s.toString();
  }
}
